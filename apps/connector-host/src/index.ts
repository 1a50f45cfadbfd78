export { ConnectorHostModule } from './connector-host.module';
