import { Module } from '@nestjs/common';

/**
 * The connector-host role composes the built-in connectors (EXTERNAL_IMPORT, INTERNAL_ENRICHMENT,
 * INTERNAL_IMPORT_FILE, INTERNAL_EXPORT_FILE, STREAM). None ships yet.
 */
// TODO(#6): built-in connectors (MITRE ATT&CK, TAXII poller, IOC feeds, enrichment, import, export).
@Module({})
export class ConnectorHostModule {}
