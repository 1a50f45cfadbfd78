"""Reads and writes a Threatloom TAXII 2.1 collection with the OASIS taxii2-client, as SIEMs and
TIPs do, and checks what it is served with stix2 and stix2-validator.

Usage: taxii_client.py <base url> <email> <api token> <collection id> <object id to delete>
    <object id edited twice>
Prints one JSON document: what the client saw.
"""

import json
import sys
import time

import stix2
from stix2validator import ValidationOptions, validate_instance
from taxii2client.v21 import ApiRoot, Collection, Server, as_pages


def main() -> None:
    base, email, token, collection_id, doomed, edited = sys.argv[1:7]
    server = Server(f"{base}/taxii2/", user=email, password=token)
    api_root: ApiRoot = server.api_roots[0]
    listed = [c.id for c in api_root.collections]
    collection = Collection(
        f"{api_root.url}collections/{collection_id}/", user=email, password=token
    )

    pages = []
    objects = []
    for envelope in as_pages(collection.get_objects, per_request=200):
        pages.append(len(envelope.get("objects", [])))
        objects.extend(envelope.get("objects", []))

    options = ValidationOptions(version="2.1", strict=False)
    invalid = []
    for obj in objects:
        result = validate_instance(obj, options)
        if not result.is_valid:
            invalid.append({"id": obj["id"], "errors": [str(e) for e in result.errors][:3]})
        stix2.parse(obj, allow_custom=True)

    manifest = collection.get_manifest()
    first = objects[0]
    by_id = collection.get_object(first["id"])
    versions = collection.object_versions(first["id"])
    by_type = collection.get_objects(type="attack-pattern")
    # The import's last date: the latest of the whole manifest (its pages, walked as the objects'
    # were) but the object edited since, not the last entry of its first page (an import commits
    # in several transactions).
    added = [
        entry["date_added"]
        for envelope in as_pages(collection.get_manifest, per_request=200)
        for entry in envelope.get("objects", [])
        if entry["id"] != edited
    ]
    last_added = max(added) if added else None
    after_last = collection.get_objects(added_after=last_added) if last_added else {}
    wrong_version = collection.get_object(first["id"], version="2001-01-01T00:00:00.000Z")

    # Version history of the object edited twice: every version, then each one by its timestamp.
    history = collection.object_versions(edited).get("versions", [])
    history_modified = [
        [o["modified"] for o in collection.get_object(edited, version=v).get("objects", [])]
        for v in history
    ]
    history_objects = collection.get_object(edited, version="all").get("objects", [])
    for obj in history_objects:
        result = validate_instance(obj, options)
        if not result.is_valid:
            invalid.append({"id": obj["id"], "errors": [str(e) for e in result.errors][:3]})
    history_first = collection.get_object(edited, version="first").get("objects", [])

    indicator = stix2.Indicator(
        name="TAXII pushed indicator",
        pattern="[ipv4-addr:value = '203.0.113.77']",
        pattern_type="stix",
        valid_from="2024-01-01T00:00:00Z",
    )
    status = collection.add_objects(
        json.dumps({"objects": [json.loads(indicator.serialize())]})
    )
    for _ in range(120):
        if status.status == "complete":
            break
        time.sleep(0.5)
        status.refresh()

    collection.delete_object(doomed)
    try:
        after_delete = collection.get_object(doomed)
        deleted = f"still served: {json.dumps(after_delete)[:300]}"
    except Exception as error:  # taxii2client raises on 404
        deleted = True if "404" in str(error) else str(error)

    print(
        json.dumps(
            {
                "title": server.title,
                "collections": listed,
                "can_read": collection.can_read,
                "can_write": collection.can_write,
                "pages": pages,
                "count": len(objects),
                "distinct": len({o["id"] for o in objects}),
                "types": sorted({o["type"] for o in objects}),
                "invalid": invalid[:5],
                "invalid_count": len(invalid),
                "manifest_first": manifest["objects"][0],
                "manifest_more": manifest.get("more"),
                "by_id": [o["id"] for o in by_id.get("objects", [])],
                "versions": versions.get("versions"),
                "by_type": sorted({o["type"] for o in by_type.get("objects", [])}),
                "after_last": [o["id"] for o in after_last.get("objects", [])],
                "wrong_version": len(wrong_version.get("objects", [])),
                "history": history,
                "history_modified": history_modified,
                "history_descriptions": [o.get("description") for o in history_objects],
                "history_first": [o["modified"] for o in history_first],
                "first_id": first["id"],
                "status": {
                    "status": status.status,
                    "total_count": status.total_count,
                    "success_count": status.success_count,
                    "failure_count": status.failure_count,
                },
                "pushed_id": indicator.id,
                "deleted": deleted,
            }
        )
    )


if __name__ == "__main__":
    main()
