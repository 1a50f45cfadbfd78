"""Validates the STIX 2.1 bundle on stdin with the OASIS stix2-validator (strict on errors).

Prints a JSON line: {"valid": bool, "errors": [...]} and exits 0 either way.
"""

import json
import sys

from stix2validator import ValidationOptions, validate_string


def main() -> None:
    results = validate_string(sys.stdin.read(), ValidationOptions(version="2.1"))
    # A bundle is validated as one object whose errors include those of its objects.
    objects = getattr(results, "object_results", None) or [results]
    errors = [f"{result.object_id}: {error}" for result in objects for error in result.errors]
    print(json.dumps({"valid": results.is_valid, "errors": errors}))


if __name__ == "__main__":
    main()
