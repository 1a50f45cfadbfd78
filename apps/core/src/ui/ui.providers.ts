import type { Provider, Type } from '@nestjs/common';
import { UiAssets } from '@lib/ui';
import { ElementRows } from './knowledge/element-rows.service';
import { DashboardController } from './pages/dashboard.controller';
import { EntityController } from './pages/entity.controller';
import { ListController } from './pages/list.controller';
import { LoginController } from './pages/login.controller';
import { SearchController } from './pages/search.controller';
import { StaticController } from './pages/static.controller';
import { DraftController } from './io/draft.controller';
import { ExportController } from './io/export.controller';
import { ImportController } from './io/import.controller';
import { IoWorks } from './io/io-works.service';
import { LiveController } from './io/live.controller';
import { WorkController } from './io/work.controller';
import { UiAccessGuard } from './shell/ui-access.guard';
import { UiChrome } from './shell/ui-chrome.service';
import { UiExceptionFilter } from './shell/ui-exception.filter';

/** The server-rendered UI's controllers, registered after every API controller. */
export const UI_CONTROLLERS: Type[] = [
  StaticController,
  LoginController,
  DashboardController,
  SearchController,
  EntityController,
  ListController,
  ImportController,
  WorkController,
  DraftController,
  ExportController,
  LiveController,
];

export const UI_PROVIDERS: Provider[] = [
  { provide: UiAssets, useFactory: () => UiAssets.load() },
  UiChrome,
  UiAccessGuard,
  UiExceptionFilter,
  ElementRows,
  IoWorks,
];
