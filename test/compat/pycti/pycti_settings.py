"""Reads and edits the platform settings with pycti's OpenCTIApiClient, unmodified: fields,
password policy, platform messages, then the platform organization, which segregates what a user
outside it reads. Prints the results as JSON.
Usage: python pycti_settings.py <url> <admin token> <suffix>"""
import json
import sys

from pycti import OpenCTIApiClient
from pycti.entities.opencti_user import User

PYCTI_7 = hasattr(User, "create_token")
TLP_RED = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"


def error_of(call):
    try:
        call()
        return None
    except Exception as error:  # the platform refuses: pycti raises its message
        return str(error)[:300]


def visible_malware(client, s):
    found = client.malware.list(search=s, getAll=True)
    return sorted(m["name"] for m in found)


def token_of(admin, user):
    if PYCTI_7:
        return admin.user.create_token(user_id=user["id"], token_name="settings")["plaintext_token"]
    return admin.user.read(id=user["id"], include_token=True)["api_token"]


def segregation(url, admin, settings_id, s, out):
    """A user of a branch organization, outside the platform organization, in a group that
    reads every TLP level: only organizations decide what he sees."""
    platform_org = admin.identity.create(type="Organization", name=f"Platform org {s}")
    branch = admin.identity.create(type="Organization", name=f"Branch org {s}")
    for name, orgs in (("open", None), ("branch", [branch["id"]]), ("platform", [platform_org["id"]])):
        admin.malware.create(name=f"seg-{s}-{name}", is_family=True, objectOrganization=orgs)
    role = admin.role.create(name=f"Reader role {s}", description="reads")
    cap = next(c for c in admin.capability.list() if c["name"] == "KNOWLEDGE")
    admin.role.add_capability(id=role["id"], capability_id=cap["id"])
    group = admin.group.create(
        name=f"Red readers {s}",
        description="TLP:RED",
        group_confidence_level={"max_confidence": 50, "overrides": []},
    )
    admin.group.add_role(id=group["id"], role_id=role["id"])
    red = admin.marking_definition.read(id=TLP_RED)
    admin.group.add_allowed_marking(id=group["id"], marking_id=red["id"])
    user = admin.user.create(
        name=f"branch-{s}",
        user_email=f"branch-{s}@example.org",
        password="A branch user's long passphrase 1!",
        objectOrganization=[branch["id"]],
    )
    admin.user.add_membership(id=user["id"], group_id=group["id"])
    reader = OpenCTIApiClient(url, token_of(admin, user), log_level="error")

    out["before_sees"] = visible_malware(reader, s)
    edited = admin.settings.update_field(
        id=settings_id, input=[{"key": "platform_organization", "value": [platform_org["standard_id"]]}]
    )
    out["organization_set"] = (edited["platform_organization"] or {}).get("name")
    out["organization_set_id"] = (edited["platform_organization"] or {}).get("id") == platform_org["id"]
    out["segregated_sees"] = visible_malware(reader, s)
    out["admin_segregated_sees"] = visible_malware(admin, s)
    others = admin.group.create(
        name=f"Others {s}", group_confidence_level={"max_confidence": 50, "overrides": []}
    )
    for text, recipients in (("all", []), ("readers", [group["id"]]), ("others", [others["id"]])):
        admin.settings.edit_message(
            id=settings_id,
            input={"message": f"For {text} {s}", "activated": True, "dismissible": False, "recipients": recipients},
        )
    reader_settings = reader.settings.read(include_messages=True)
    out["reader_messages"] = sorted(m["message"] for m in reader_settings["platform_messages"])
    admin_messages = admin.settings.read(include_messages=True)["messages_administration"]
    out["admin_messages"] = sorted(
        (m["message"], sorted(r["name"] for r in m["recipients"])) for m in admin_messages
    )
    for m in admin_messages:
        admin.settings.delete_message(id=settings_id, input=m["id"])
    out["reader_reads_organization"] = (reader_settings["platform_organization"] or {}).get("name")
    out["reader_messages_administration"] = reader_settings["messages_administration"]
    out["reader_edit_error"] = error_of(
        lambda: reader.settings.update_field(
            id=settings_id, input=[{"key": "platform_title", "value": ["hijacked"]}]
        )
    )
    cleared = admin.settings.update_field(
        id=settings_id, input=[{"key": "platform_organization", "value": []}]
    )
    out["organization_cleared"] = cleared["platform_organization"]
    out["after_clear_sees"] = visible_malware(reader, s)
    out["not_an_organization_error"] = error_of(
        lambda: admin.settings.update_field(
            id=settings_id, input=[{"key": "platform_organization", "value": [red["id"]]}]
        )
    )


def main():
    url, token, s = sys.argv[1], sys.argv[2], sys.argv[3]
    admin = OpenCTIApiClient(url, token, log_level="error")
    out = {}

    settings = admin.settings.read(include_password_policy=True, include_messages=True)
    out["read"] = {
        key: settings[key]
        for key in (
            "entity_type",
            "platform_title",
            "platform_email",
            "platform_url",
            "platform_organization",
            "platform_cluster",
            "platform_providers",
            "platform_modules",
            "platform_ai_enabled",
            "password_policy_min_length",
            "otp_mandatory",
            "platform_messages",
        )
    }
    out["read"]["license_validated"] = settings["platform_enterprise_edition"]["license_validated"]
    out["read"]["theme"] = settings["platform_theme"]["name"]
    out["read"]["has_dates"] = bool(settings["created_at"] and settings["updated_at"])
    settings_id = settings["id"]

    edited = admin.settings.update_field(
        id=settings_id,
        input=[{"key": "platform_title", "value": [f"Threatloom {s}"]}],
    )
    out["title"] = edited["platform_title"]
    edited = admin.settings.update_field(
        id=settings_id,
        input=[{"key": "password_policy_min_length", "value": [12]}],
        include_password_policy=True,
    )
    out["min_length"] = edited["password_policy_min_length"]
    out["title_read_back"] = admin.settings.read()["platform_title"]
    out["unknown_key_error"] = error_of(
        lambda: admin.settings.update_field(
            id=settings_id, input=[{"key": "platform_nonsense", "value": ["x"]}]
        )
    )
    out["negative_error"] = error_of(
        lambda: admin.settings.update_field(
            id=settings_id, input=[{"key": "password_policy_min_length", "value": [-1]}]
        )
    )

    added = admin.settings.edit_message(
        id=settings_id,
        input={"message": f"Maintenance {s}", "activated": True, "dismissible": True, "color": "#d04040"},
    )
    message = next(m for m in added["messages_administration"] if m["message"] == f"Maintenance {s}")
    out["message_added"] = {k: message[k] for k in ("message", "activated", "dismissible", "color")}
    out["message_shown"] = [m["message"] for m in added["platform_messages"]]
    changed = admin.settings.edit_message(
        id=settings_id,
        input={"id": message["id"], "message": f"Done {s}", "activated": False, "dismissible": False},
    )
    out["message_changed"] = [
        (m["message"], m["activated"]) for m in changed["messages_administration"]
    ]
    deleted = admin.settings.delete_message(id=settings_id, input=message["id"])
    out["messages_after_delete"] = deleted["messages_administration"]

    segregation(url, admin, settings_id, s, out)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
