"""The layout holds: import contracts kept, no import cycle, every registry complete after
create_app whatever was imported first (docs/architecture.md)."""
import json
import subprocess
import sys
from pathlib import Path

import grimp

from campaign import create_app
from campaign.core import plugins

ROOT = Path(__file__).resolve().parent.parent

#: What the domains register, by registry (mail kinds, sections, …).
EXPECTED = {
    "mail_kinds": {"test_message", "rsvp_confirmation", "rsvp_promoted", "rsvp_cancelled",
                   "event_changed", "event_postponed", "event_cancelled",
                   "petition_verification", "petition_already_signed", "organiser_message",
                   "event_reminder", "key_date_reminder", "letter_confirmation",
                   "letter_to_target", "rsvp_request", "my_data_link", "team_invitation",
                   "password_reset"},
    "sections": {"events", "petitions", "letters", "updates", "calendar-subscribe"},
    "navigation": {"events", "petitions", "letters", "messages", "mail log", "team",
                   "audit log", "embeds", "webhooks", "api tokens"},
    "scheduling_steps": {"event reminders", "key-date reminders", "organiser messages",
                         "purge unconfirmed signatures", "letters to targets",
                         "purge unconfirmed letters", "erase old mail",
                         "expired RSVP requests", "RSVPs of past events",
                         "erase signatures past their retention", "expired my-data links",
                         "audit retention", "webhook deliveries", "webhook retention",
                         "erase letters past their retention", "expired password resets"},
    "demo_steps": {"events", "petitions", "letters", "updates", "reminders"},
    "organiser_guard": {"access"},
    "door_event_choices": {"events"},
    "campaign_resolvers": {"campaign_id", "key_date_id", "event_id", "rsvp_id", "petition_id",
                           "reminder_id", "membership_id", "invitation_id",
                           "mailing_admin:message_id", "messages_admin:message_id", "action_id",
                           "target_id", "signature_id", "webhook_id", "api_token_id"},
    "error_answers": {"/api/v1/"},
}


def test_import_contracts_are_kept():
    """.importlinter: each domain imports only the layers below it."""
    result = subprocess.run([str(Path(sys.executable).with_name("lint-imports"))], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == module:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_module_is_part_of_an_import_cycle():
    graph = grimp.build_graph("campaign")
    # A package's __init__ may import its own modules (init_app); that is not a cycle of code.
    for package in ("campaign",) + tuple(f"campaign.{m}" for m in (
            "core", "organisers", "campaigns", "mailing", "calendar", "events", "petitions",
            "letters", "embeds", "messages", "reminders", "supporters", "webhooks", "api")):
        for module in list(graph.find_modules_directly_imported_by(package)):
            graph.remove_import(importer=package, imported=module)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for importer, imported in (("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")):
        graph.add_import(importer=importer, imported=imported)
    assert _cycles(graph) == [["a", "b", "c"]]


def test_every_registry_is_complete_after_create_app():
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    for registry, names in EXPECTED.items():
        assert set(plugins.registered(registry, app)) == names, registry


def test_registries_do_not_depend_on_what_was_imported_first():
    """In a fresh interpreter: import the domains' modules backwards, then build the app."""
    script = """
import importlib, json, pkgutil, sys
import campaign
names = sorted(m.name for m in pkgutil.walk_packages(campaign.__path__, "campaign."))
for name in reversed(names):
    importlib.import_module(name)
from campaign import create_app
from campaign.core import plugins
app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
print(json.dumps({r: sorted(plugins.registered(r, app)) for r in %r}))
""" % (sorted(EXPECTED),)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    registered = json.loads(result.stdout.strip().splitlines()[-1])
    assert {r: set(names) for r, names in registered.items()} == EXPECTED


def test_a_second_app_has_its_own_registries():
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    second = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    from campaign.mailing import kinds

    kinds.register(first, kinds.MailKind("only_here", subject="x", load=dict))
    assert "only_here" in plugins.registered("mail_kinds", first)
    assert "only_here" not in plugins.registered("mail_kinds", second)


def test_a_language_is_added_by_configuration_alone(tmp_path):
    """One more code in LANGUAGES: every translated form gets its section, the switcher its
    name, the /<lang>/ pages their prefix (the catalog is the only other thing to add)."""
    import shutil

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from campaign.campaigns.forms import CampaignForm
    from campaign.core.forms import language_sections
    from campaign.core.i18n import language_names
    from campaign.events.forms import EventForm

    catalogs = tmp_path / "translations"
    shutil.copytree(ROOT / "campaign" / "translations", catalogs)
    (catalogs / "uk" / "LC_MESSAGES").mkdir(parents=True)
    with open(catalogs / "uk" / "LC_MESSAGES" / "messages.mo", "wb") as mo:
        write_mo(mo, Catalog(locale="uk"))  # an empty catalog: the start check wants one
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x",
                      "WTF_CSRF_ENABLED": False, "LANGUAGES": ["en", "ru", "pl", "uk"],
                      "BABEL_TRANSLATION_DIRECTORIES": str(catalogs)})
    with app.test_request_context("/uk/"):
        assert language_names()["uk"] == "Українська"
        for form in (CampaignForm(), EventForm(default_language="en", timezone="UTC")):
            assert [code for code, _section in language_sections(form)] == ["en", "ru", "pl", "uk"]
        assert ("uk", "Українська") in CampaignForm().default_language.choices
    default = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x",
                          "WTF_CSRF_ENABLED": False})
    with default.test_request_context("/en/"):
        assert [code for code, _s in language_sections(CampaignForm())] == ["en", "ru", "pl"]
    with app.app_context():
        from campaign.extensions import db
        db.create_all()
    with app.test_client() as client:
        assert client.get("/uk/").status_code == 200
        assert client.get("/de/").status_code == 404
