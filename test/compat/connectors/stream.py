"""A STREAM connector on pycti's OpenCTIConnectorHelper, written as stream connectors are.

It reads the live stream named by CONNECTOR_LIVE_STREAM_ID (OPENCTI_URL, OPENCTI_TOKEN,
CONNECTOR_ID, CONNECTOR_LIVE_STREAM_LISTEN_DELETE... from the environment) and prints one JSON
line per message it is handed: the SSE event, its id, and the STIX object's id, type and name.
pycti records the position after each message and sends it with the next ping (every 40 s);
this connector pings every second instead, so that a restart resumes where it stopped.
"""

import json
import sys
import threading
import time

from pycti import OpenCTIConnectorHelper


def main() -> None:
    helper = OpenCTIConnectorHelper(
        {"connector": {"type": "STREAM", "log_level": "error"}}
    )
    collection = helper.get_stream_collection()
    print(json.dumps({"collection": collection}))
    sys.stdout.flush()

    def process(msg) -> None:
        payload = json.loads(msg.data)
        stix = payload["data"]
        line = {
            "event": msg.event,
            "id": msg.id,
            "stix_id": stix["id"],
            "type": stix["type"],
            "name": stix.get("name"),
            "referer": payload.get("origin", {}).get("referer"),
        }
        print(json.dumps(line))
        sys.stdout.flush()

    def ping_often() -> None:
        while True:
            time.sleep(1)
            helper.force_ping()

    threading.Thread(target=ping_often, daemon=True).start()
    helper.listen_stream(message_callback=process)


if __name__ == "__main__":
    main()
