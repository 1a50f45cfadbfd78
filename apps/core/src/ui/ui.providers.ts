import type { Provider, Type } from '@nestjs/common';
import { UiAssets } from '@lib/ui';
import { DashboardChartsController } from './dashboard/dashboard-charts.controller';
import { DashboardChartsService } from './dashboard/dashboard-charts.service';
import { GraphController } from './graph/graph.controller';
import { GraphData } from './graph/graph-data.service';
import { ElementRows } from './knowledge/element-rows.service';
import { DashboardController } from './pages/dashboard.controller';
import { EntityController } from './pages/entity.controller';
import { ListController } from './pages/list.controller';
import { LoginController } from './pages/login.controller';
import { SearchController } from './pages/search.controller';
import { StaticController } from './pages/static.controller';
import { UiAccessGuard } from './shell/ui-access.guard';
import { UiChrome } from './shell/ui-chrome.service';
import { UiExceptionFilter } from './shell/ui-exception.filter';

/** The server-rendered UI's controllers, registered after every API controller. */
export const UI_CONTROLLERS: Type[] = [
  StaticController,
  LoginController,
  DashboardController,
  DashboardChartsController,
  SearchController,
  GraphController,
  EntityController,
  ListController,
];

export const UI_PROVIDERS: Provider[] = [
  { provide: UiAssets, useFactory: () => UiAssets.load() },
  UiChrome,
  UiAccessGuard,
  UiExceptionFilter,
  ElementRows,
  GraphData,
  DashboardChartsService,
];
