import { applyDecorators, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../platform/auth/roles.decorator';
import { ApiProblems } from '../../../platform/http/api-docs';
import type { RequestMeta } from '../../users/auth/request-meta';

/** Every admin controller: under /admin, admins only (anonymous 401, others 403). */
export const AdminController = () =>
  applyDecorators(ApiTags('admin'), ApiBearerAuth(), ApiProblems(401, 403), Roles('admin'), Controller('admin'));

export const IdParam = () => Param('id', new ParseUUIDPipe({ version: '4' }));

/** What the audit row keeps of the request. */
export const auditContext = (meta: RequestMeta) => ({ ip: meta.ip, requestId: meta.requestId });
