"""Sends pycti's richest read queries (list pages of every entity class pycti knows, and single
reads) to a platform, unmodified, and prints which were refused for their depth or cost as JSON.
Usage: python pycti_deep_reads.py <url> <token>."""
import json
import sys

from pycti import OpenCTIApiClient

ANY_ID = "report--4d5e6f70-8192-4ab3-9cb4-c5d6e7f8a007"


def main():
    client = OpenCTIApiClient(sys.argv[1], sys.argv[2], log_level="error")
    send = client.query
    sent = []
    refused = []

    def recording(query, variables=None, *args, **kwargs):
        sent.append(query.split("(")[0].strip())
        try:
            return send(query, variables, *args, **kwargs)
        except Exception as error:  # pycti raises ValueError with the platform's answer
            text = str(error)
            if "too deep" in text or "QUERY_TOO_COMPLEX" in text:
                refused.append({"query": sent[-1], "error": text[:300]})
            raise

    client.query = recording
    for name in sorted(dir(client)):
        entity = getattr(client, name, None)
        if entity is None or name.startswith("_"):
            continue
        for method, kwargs in (("list", {"first": 500}), ("read", {"id": ANY_ID})):
            call = getattr(entity, method, None)
            if callable(call):
                try:
                    call(**kwargs)
                except Exception:  # types the platform lacks fail for other reasons
                    pass
    print(json.dumps({"sent": len(sent), "refused": refused}))


if __name__ == "__main__":
    main()
