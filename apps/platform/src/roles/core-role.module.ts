// Loaded by PlatformModule when the role is asked for (a dynamic import of this file).
export { CoreModule } from '@app/core';
