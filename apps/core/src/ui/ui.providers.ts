import type { Provider, Type } from '@nestjs/common';
import { UiAssets } from '@lib/ui';
import { AdminAuditController } from './admin/audit.controller';
import { AdminCollectionsController } from './admin/collections.controller';
import { CollectionKinds } from './admin/collection-kinds.service';
import { AdminConnectorsController } from './admin/connectors.controller';
import { DeadLetters } from './admin/dead-letters.service';
import { AdminGroupsController } from './admin/groups.controller';
import { AdminMarkingsController } from './admin/markings.controller';
import { AdminOrganizationsController } from './admin/organizations.controller';
import { AdminSettingsController } from './admin/settings.controller';
import { AdminHomeController } from './admin/admin-home.controller';
import { AdminLookups } from './admin/admin-lookups.service';
import { AdminRetentionController } from './admin/retention.controller';
import { AdminRolesController } from './admin/roles.controller';
import { AdminUsersController } from './admin/users.controller';
import { AdminUserAccessController } from './admin/user-access.controller';
import { DashboardChartsController } from './dashboard/dashboard-charts.controller';
import { DashboardChartsService } from './dashboard/dashboard-charts.service';
import { GraphController } from './graph/graph.controller';
import { GraphData } from './graph/graph-data.service';
import { ElementRows } from './knowledge/element-rows.service';
import { FormOptions } from './knowledge/form-options.service';
import { RelationshipRows } from './knowledge/relationship-rows.service';
import { BulkController } from './pages/bulk.controller';
import { ContainerController } from './pages/container.controller';
import { EntityFormController } from './pages/entity-form.controller';
import { ObservableFormController } from './pages/observable-form.controller';
import { AnalysisFormController } from './pages/analysis-form.controller';
import { EntityTabsController } from './pages/entity-tabs.controller';
import { RelationshipFormController } from './pages/relationship-form.controller';
import { RelationshipEditController } from './pages/relationship-edit.controller';
import { DashboardController } from './pages/dashboard.controller';
import { EntityController } from './pages/entity.controller';
import { EntityPages } from './pages/entity-pages.service';
import { ListController } from './pages/list.controller';
import { LoginController } from './pages/login.controller';
import { SearchController } from './pages/search.controller';
import { FaviconController, StaticController } from './pages/static.controller';
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
  FaviconController,
  LoginController,
  DashboardController,
  DashboardChartsController,
  SearchController,
  GraphController,
  EntityController,
  EntityTabsController,
  EntityFormController,
  ObservableFormController,
  AnalysisFormController,
  RelationshipFormController,
  RelationshipEditController,
  ContainerController,
  BulkController,
  ListController,
  AdminHomeController,
  AdminUsersController,
  AdminUserAccessController,
  AdminGroupsController,
  AdminRolesController,
  AdminAuditController,
  AdminConnectorsController,
  AdminOrganizationsController,
  AdminMarkingsController,
  AdminSettingsController,
  AdminCollectionsController,
  AdminRetentionController,
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
  AdminLookups,
  DeadLetters,
  CollectionKinds,
  IoWorks,
  EntityPages,
  FormOptions,
  RelationshipRows,
  GraphData,
  DashboardChartsService,
];
