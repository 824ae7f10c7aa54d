"""Operators' commands: ``flask --app wsgi campaign …``."""
import click
from flask import current_app
from flask.cli import AppGroup

from campaign.extensions import db

#: How the audit log names an operator's command as the actor.
VIA = "command line"

campaign_cli = AppGroup("campaign", help="Run the campaign manager: demo data, accounts, mail.")


@campaign_cli.command("demo")
def demo_command():
    """Load the demo campaign, its owner and its door volunteer (does nothing when they exist)."""
    from campaign.demo.loader import DEMO_TEAM, load_demo

    campaign, created, passwords = load_demo(current_app.instance_path)
    db.session.commit()
    click.echo(f"Demo campaign {'created' if created else 'already present'}: "
               f"{current_app.config['BASE_URL']}/en/campaigns/{campaign.slug}")
    labels = {"owner": "Demo organiser (owner)", "door": "Demo door volunteer"}
    for email, _name, role in DEMO_TEAM:
        if email in passwords:
            click.echo(f"{labels[role]}: {email} / {passwords[email]} "
                       f"(also in instance/demo-organiser.txt)")
        else:
            click.echo(f"{labels[role]} {email} exists; its password is in "
                       "instance/demo-organiser.txt")


@campaign_cli.command("create-organiser")
@click.argument("email")
@click.option("--name", default="", help="Display name (defaults to the e-mail).")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Prompted for when not given.")
def create_organiser_command(email, name, password):
    """Create an organiser account."""
    from campaign.organisers.operations import OrganiserExists, create_organiser

    if len(password) < 10:
        raise click.BadParameter("use at least 10 characters", param_hint="--password")
    try:
        create_organiser(email, name, password, via=VIA)
    except OrganiserExists:
        raise click.ClickException(f"an organiser with the e-mail {email} already exists")
    db.session.commit()
    click.echo(f"Organiser {email.strip().lower()} created.")


@campaign_cli.command("add-member")
@click.argument("email")
@click.argument("campaign_slug")
@click.argument("role", type=click.Choice(["owner", "organiser", "door", "viewer"]))
def add_member_command(email, campaign_slug, role):
    """Give an existing organiser a role in a campaign (or change it)."""
    from campaign.campaigns.models import Campaign
    from campaign.organisers import teams
    from campaign.organisers.operations import find_organiser

    organiser = find_organiser(email)
    if organiser is None:
        raise click.ClickException(f"no organiser with the e-mail {email}; "
                                   "create it with create-organiser first")
    campaign = db.session.scalar(db.select(Campaign).where(Campaign.slug == campaign_slug))
    if campaign is None:
        raise click.ClickException(f"no campaign with the address {campaign_slug}")
    try:
        teams.set_role(organiser, campaign.id, role, via=VIA)
    except teams.LastOwner:
        raise click.ClickException(f"{campaign_slug} would have no owner left")
    db.session.commit()
    click.echo(f"{organiser.email} is now {role} of {campaign_slug}.")


@campaign_cli.command("deactivate-organiser")
@click.argument("email")
@click.option("--reactivate", is_flag=True, help="Let the account sign in again.")
def deactivate_organiser_command(email, reactivate):
    """Stop an account from signing in (its sessions end at once), or let it in again."""
    from campaign.organisers.operations import find_organiser, set_active

    organiser = find_organiser(email)
    if organiser is None:
        raise click.ClickException(f"no organiser with the e-mail {email}")
    set_active(organiser, reactivate, via=VIA)
    db.session.commit()
    click.echo(f"{organiser.email} is {'active' if reactivate else 'deactivated'}.")


@campaign_cli.command("turn-off-two-factor")
@click.argument("email")
def turn_off_two_factor_command(email):
    """Turn off an account's two-factor sign-in (a lost phone and no recovery code)."""
    from campaign.organisers import twofactor
    from campaign.organisers.operations import find_organiser

    organiser = find_organiser(email)
    if organiser is None:
        raise click.ClickException(f"no organiser with the e-mail {email}")
    if not organiser.has_two_factor:
        raise click.ClickException(f"{organiser.email} does not use two-factor sign-in")
    twofactor.turn_off(organiser, by=None)
    db.session.commit()
    click.echo(f"Two-factor sign-in is off for {organiser.email}; its sessions have ended.")


@campaign_cli.command("is-empty")
def is_empty_command():
    """Exit 0 when the database holds no campaign yet (used by ``make run``)."""
    from campaign.campaigns.models import Campaign

    raise SystemExit(0 if db.session.scalar(db.select(Campaign.id).limit(1)) is None else 1)


@campaign_cli.command("worker")
@click.option("--once", is_flag=True, help="Deliver what is due now, then exit.")
@click.option("--interval", type=click.FloatRange(min=0.1), default=None,
              help="Seconds between polls (default: MAIL_WORKER_INTERVAL).")
@click.option("--batch", type=click.IntRange(min=1, max=1000), default=None,
              help="Messages per batch and SMTP connection (default: MAIL_BATCH_SIZE).")
def worker_command(once, interval, batch):
    """Deliver queued mail (to the local mail log when MAIL_SERVER is not set)."""
    from campaign.mailing.worker import run

    run(current_app._get_current_object(), once=once, interval=interval, batch=batch)


@campaign_cli.command("record-bounce")
def record_bounce_command():
    """Record a bounce (an RFC 3464 delivery status notification) read from standard input.

    For the MTA's pipe: input that is not a bounce of ours exits 0 with a log line (a
    failing pipe would bounce the bounce); only a database error exits 75 (EX_TEMPFAIL) so
    that the MTA tries again later.
    """
    import sys

    from sqlalchemy.exc import SQLAlchemyError

    from campaign.mailing.bounces import record

    raw = sys.stdin.buffer.read(10 * 1024 * 1024)  # a DSN is small; a huge one is cut
    try:
        outcome = record(raw)
        db.session.commit()
    except SQLAlchemyError as error:
        db.session.rollback()
        current_app.logger.error("record-bounce: could not record (%s)", type(error).__name__)
        click.echo(f"record-bounce: could not record ({type(error).__name__})", err=True)
        sys.exit(75)
    current_app.logger.info("record-bounce: %s", outcome)
    click.echo(f"record-bounce: {outcome}", err=True)


@campaign_cli.command("reconcile-counts")
def reconcile_counts_command():
    """Recount every petition's verified signatures and repair its counter."""
    from campaign.petitions.counter import reconcile_all

    for slug, before, after in reconcile_all():
        note = "ok" if before == after else f"repaired (was {before})"
        click.echo(f"{slug}: {after} verified signatures, {note}")


@campaign_cli.command("purge-unverified")
def purge_unverified_command():
    """Delete petition signatures never confirmed before their links expired."""
    from campaign.petitions.operations import purge_unverified

    removed = purge_unverified()
    db.session.commit()
    click.echo(f"{removed} unconfirmed signatures deleted.")


@campaign_cli.command("create-token")
@click.argument("campaign_slug")
@click.argument("role", type=click.Choice(["owner", "organiser", "door", "viewer"]))
@click.option("--name", default="CLI", help="What the token is for (shown to owners).")
def create_token_command(campaign_slug, role, name):
    """Create an API token of a campaign with a role; the token is the last line printed."""
    from campaign.api import tokens
    from campaign.campaigns.models import Campaign

    campaign = db.session.scalar(db.select(Campaign).where(Campaign.slug == campaign_slug))
    if campaign is None:
        raise click.ClickException(f"no campaign with the address {campaign_slug}")
    _token, secret = tokens.create_token(campaign.id, name, role)
    db.session.commit()
    click.echo(f"API token for {campaign_slug} ({role}); it is shown only this once:")
    click.echo(secret)
