import { Controller, UseFilters, UseGuards, applyDecorators } from '@nestjs/common';
import { UiAccessGuard } from './ui-access.guard';
import { UiExceptionFilter } from './ui-exception.filter';

/** A controller of UI pages: each route's declared capability checked, errors shown as pages. */
export const UiController = (path?: string) =>
  applyDecorators(
    path === undefined ? Controller() : Controller(path),
    UseGuards(UiAccessGuard),
    UseFilters(UiExceptionFilter),
  );
