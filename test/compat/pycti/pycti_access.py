"""Administers users, groups and roles with pycti's OpenCTIApiClient, unmodified, then reads
knowledge as the new user to show what his markings allow, and prints the results as JSON.
Usage: python pycti_access.py <url> <admin token> <suffix>"""
import json
import sys

from pycti import OpenCTIApiClient
from pycti.entities.opencti_user import User

PYCTI_7 = hasattr(User, "create_token")
TLP_GREEN = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
TLP_AMBER = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
TLP_RED = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"


def names(items):
    return sorted(item["name"] for item in items)


def visible_malware(client, s):
    found = client.malware.list(search=s, getAll=True)
    return sorted(m["name"] for m in found)


def main():
    url, token, s = sys.argv[1], sys.argv[2], sys.argv[3]
    admin = OpenCTIApiClient(url, token, log_level="error")
    out = {}

    green = admin.marking_definition.read(id=TLP_GREEN)
    for level, marking in (("open", None), ("green", TLP_GREEN), ("amber", TLP_AMBER), ("red", TLP_RED)):
        admin.malware.create(
            name=f"malware-{level}-{s}",
            is_family=True,
            objectMarking=[marking] if marking else [],
        )

    role = admin.role.create(name=f"Analyst role {s}", description="reads and writes")
    for capability in ("KNOWLEDGE", "KNOWLEDGE_KNUPDATE"):
        cap = next(c for c in admin.capability.list() if c["name"] == capability)
        admin.role.add_capability(id=role["id"], capability_id=cap["id"])
    role = admin.role.read(id=role["id"])
    out["role_capabilities"] = names(role["capabilities"])

    group = admin.group.create(
        name=f"Green analysts {s}",
        description="TLP:GREEN",
        group_confidence_level={"max_confidence": 60, "overrides": []},
    )
    admin.group.add_role(id=group["id"], role_id=role["id"])
    admin.group.add_allowed_marking(id=group["id"], marking_id=green["id"])
    group = admin.group.read(id=group["id"])
    out["group_roles"] = [r["name"] for r in group["roles"]]
    out["group_markings"] = [m["definition"] for m in group["allowed_marking"]]

    user = admin.user.create(
        name=f"analyst-{s}",
        user_email=f"analyst-{s}@example.org",
        password="An analyst's long passphrase 1!",
    )
    admin.user.add_membership(id=user["id"], group_id=group["id"])
    if PYCTI_7:  # named tokens, shown once
        created = admin.user.create_token(user_id=user["id"], token_name="analysis")
        user = admin.user.read(id=user["id"], include_tokens=True)
        out["token_names"] = [t["name"] for t in user["api_tokens"]]
        token = created["plaintext_token"]
    else:
        user = admin.user.read(id=user["id"], include_token=True)
        token = user["api_token"]
    out["user_groups"] = sorted(g["name"] for g in user["groups"])
    out["user_listed"] = any(
        u["id"] == user["id"] for u in admin.user.list(search=f"analyst-{s}")
    )

    analyst = OpenCTIApiClient(url, token, log_level="error")
    me = analyst.user.me()
    out["me_email"] = me["user_email"]
    out["me_capabilities"] = names(me["capabilities"])
    out["me_confidence"] = me["effective_confidence_level"]["max_confidence"]
    out["analyst_sees"] = visible_malware(analyst, s)
    out["admin_sees"] = visible_malware(admin, s)
    amber = admin.malware.read(filters={"mode": "and", "filters": [{"key": "name", "values": [f"malware-amber-{s}"]}], "filterGroups": []})
    out["analyst_reads_amber"] = analyst.malware.read(id=amber["id"]) is not None
    try:
        analyst.user.list()
        out["analyst_lists_users"] = True
    except Exception as error:  # the platform refuses: no SETTINGS_SETACCESSES
        out["analyst_lists_users"] = str(error)[:200]

    admin.user.delete_membership(id=user["id"], group_id=group["id"])
    out["after_removal_sees"] = visible_malware(analyst, s)

    if PYCTI_7:
        admin.user.remove_token(user_id=user["id"], token_id=created["token_id"])
    else:
        admin.user.token_renew(id=user["id"])
    try:
        OpenCTIApiClient(url, token, log_level="error").user.me()
        out["old_token_works"] = True
    except Exception:
        out["old_token_works"] = False

    # Sharing with an organization (needs KNOWLEDGE_KNUPDATE_KNORGARESTRICT).
    org = admin.identity.create(type="Organization", name=f"Partner {s}")
    red = admin.malware.read(filters={"mode": "and", "filters": [{"key": "name", "values": [f"malware-red-{s}"]}], "filterGroups": []})
    admin.stix_core_object.organization_share(red["id"], [org["id"]], False)
    shared = admin.malware.read(id=red["id"])
    out["shared_with"] = [o["name"] for o in shared.get("objectOrganization", [])]
    admin.stix_core_object.organization_unshare(red["id"], [org["id"]], False)
    unshared = admin.malware.read(id=red["id"])
    out["after_unshare"] = [o["name"] for o in unshared.get("objectOrganization", [])]

    admin.group.delete(id=group["id"])
    admin.role.delete(id=role["id"])
    admin.user.delete(id=user["id"])
    out["user_deleted"] = admin.user.read(id=user["id"]) is None
    print(json.dumps(out))


if __name__ == "__main__":
    main()
