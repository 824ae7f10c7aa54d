"""Organiser pages (owners: ``manage_integrations``): a campaign's webhook endpoints, a new
endpoint with its secret shown once, each endpoint's delivery log, the test button."""
from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _, lazy_gettext as _l

from campaign.campaigns import queries as campaign_queries
from campaign.core.admin import organiser_blueprint
from campaign.extensions import db, limiter
from campaign.organisers import access, navigation
from campaign.webhooks import operations, queries
from campaign.webhooks.forms import EndpointForm
from campaign.webhooks.models import DeliveryStatus, WebhookEndpoint

bp = organiser_blueprint("webhooks_admin", __name__, url_prefix="/organiser/webhooks")

#: Rows of the delivery log shown (newest first).
LOG_ROWS = 100

STATUS_LABELS = {
    DeliveryStatus.QUEUED: _l("Waiting"),
    DeliveryStatus.SENDING: _l("Sending"),
    DeliveryStatus.DELIVERED: _l("Delivered"),
    DeliveryStatus.FAILED: _l("Failed (no more tries)"),
}


@bp.context_processor
def labels():
    return {"status_labels": STATUS_LABELS, "event_labels": operations.EVENTS}


def campaign_links(campaign):
    return [navigation.Link(_l("Webhooks"), url_for("webhooks_admin.endpoints",
                                                    campaign_id=campaign.id),
                            power="manage_integrations")]


def _page(campaign_id: int, form, status: int = 200, created=None, secret=None):
    return render_template("webhooks/admin/endpoints.html",
                           campaign=campaign_queries.get_campaign(campaign_id),
                           endpoints=queries.endpoints_of(campaign_id), form=form,
                           created=created,
                           secret=secret), status


@bp.get("/campaign/<int:campaign_id>")
@access.requires("manage_integrations")
def endpoints(campaign_id):
    """List the campaign's endpoints and offer a new one."""
    return _page(campaign_id, EndpointForm(formdata=None))


@bp.post("/campaign/<int:campaign_id>")
@access.requires("manage_integrations")
def create(campaign_id):
    """Add an endpoint and show its secret, this once (no redirect: it is not kept anywhere)."""
    form = EndpointForm()
    if not form.validate_on_submit():
        return _page(campaign_id, form, 400)
    endpoint, secret = operations.create_endpoint(campaign_id, form.url.data, form.events.data)
    db.session.commit()
    return _page(campaign_id, EndpointForm(formdata=None), created=endpoint, secret=secret)


def _endpoint(webhook_id: int) -> WebhookEndpoint:
    """The guard has checked that the endpoint belongs to a campaign the member may manage."""
    return db.get_or_404(WebhookEndpoint, webhook_id)


@bp.get("/<int:webhook_id>")
@access.requires("manage_integrations")
def deliveries(webhook_id):
    """Show an endpoint's delivery log: status, tries, last answer, next try."""
    endpoint = _endpoint(webhook_id)
    return render_template("webhooks/admin/deliveries.html", endpoint=endpoint,
                           rows=queries.delivery_log(endpoint, LOG_ROWS),
                           campaign=campaign_queries.get_campaign(endpoint.campaign_id))


@bp.post("/<int:webhook_id>/test")
@access.requires("manage_integrations")
@limiter.limit(lambda: current_app.config["RATELIMIT_WEBHOOK_TEST"])
def send_test(webhook_id):
    """Queue a test event (``ping``) for this endpoint."""
    operations.queue_test(_endpoint(webhook_id))
    db.session.commit()
    flash(_("Test event queued. The worker sends it within a minute; its result shows "
            "below."), "success")
    return redirect(url_for(".deliveries", webhook_id=webhook_id))


@bp.post("/<int:webhook_id>/delete")
@access.requires("manage_integrations")
def delete(webhook_id):
    """Remove an endpoint, its queued events and its log."""
    endpoint = _endpoint(webhook_id)
    campaign_id = endpoint.campaign_id
    operations.delete_endpoint(endpoint)
    db.session.commit()
    flash(_("Endpoint removed."), "success")
    return redirect(url_for(".endpoints", campaign_id=campaign_id))
