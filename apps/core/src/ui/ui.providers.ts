import type { Provider, Type } from '@nestjs/common';
import { UiAssets } from '@lib/ui';
import { ElementRows } from './knowledge/element-rows.service';
import { FormOptions } from './knowledge/form-options.service';
import { RelationshipRows } from './knowledge/relationship-rows.service';
import { BulkController } from './pages/bulk.controller';
import { ContainerController } from './pages/container.controller';
import { EntityFormController } from './pages/entity-form.controller';
import { EntityTabsController } from './pages/entity-tabs.controller';
import { RelationshipFormController } from './pages/relationship-form.controller';
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
  SearchController,
  EntityController,
  EntityTabsController,
  EntityFormController,
  RelationshipFormController,
  ContainerController,
  BulkController,
  ListController,
];

export const UI_PROVIDERS: Provider[] = [
  { provide: UiAssets, useFactory: () => UiAssets.load() },
  UiChrome,
  UiAccessGuard,
  UiExceptionFilter,
  ElementRows,
  FormOptions,
  RelationshipRows,
];
