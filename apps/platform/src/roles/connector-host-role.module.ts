// Loaded by PlatformModule when the role is asked for (a dynamic import of this file).
export { ConnectorHostModule } from '@app/connector-host';
