"""Imports a STIX bundle file with pycti's own importer (`stix2.import_bundle_from_file`: one API
call per object, in dependency order), unmodified, and prints what it reported as JSON.
Usage: python pycti_import.py <url> <token> <bundle file>."""
import json
import sys
import time

from pycti import OpenCTIApiClient


def main():
    client = OpenCTIApiClient(sys.argv[1], sys.argv[2], log_level="error")
    started = time.monotonic()
    # (objects imported, objects that failed or were too large); errors are logged, not raised.
    imported, failed = client.stix2.import_bundle_from_file(sys.argv[3], update=True)
    print(
        json.dumps(
            {
                "imported": len(imported),
                "failed": len(failed),
                "seconds": round(time.monotonic() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
