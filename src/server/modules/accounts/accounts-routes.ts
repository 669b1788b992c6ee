import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accountListQuerySchema,
  accountPageSchema,
  accountPatchSchema,
  accountSchema,
  employeeAccountSchema,
  grantBodySchema,
  grantParamsSchema,
  temporaryPasswordSchema,
} from '../../../shared/api/accounts.ts';
import { idParamSchema } from '../../../shared/api/common.ts';
import { actorOf } from '../../plugins/session.ts';
import type { AccountsService } from './accounts-service.ts';

const tags = ['Akun & peran'];

export function accountsRoutes({ accounts }: { accounts: AccountsService }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/accounts',
      {
        schema: {
          tags,
          summary: 'Akun pengguna dalam lingkup (cari, saring per unit dan peran)',
          querystring: accountListQuerySchema,
          response: { 200: accountPageSchema },
        },
      },
      (request) => accounts.list(actorOf(request), request.query),
    );
    app.get(
      '/api/accounts/:id',
      { schema: { tags, summary: 'Satu akun', params: idParamSchema, response: { 200: accountSchema } } },
      (request) => accounts.get(actorOf(request), request.params.id),
    );
    app.patch(
      '/api/accounts/:id',
      {
        schema: {
          tags,
          summary: 'Aktifkan/nonaktifkan akun atau buka kunci',
          params: idParamSchema,
          body: accountPatchSchema,
          response: { 200: accountSchema },
        },
      },
      (request) => accounts.update(actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/accounts/:id/reset-password',
      {
        schema: {
          tags,
          summary: 'Atur ulang kata sandi (sandi sementara ditampilkan sekali)',
          params: idParamSchema,
          response: { 200: temporaryPasswordSchema },
        },
      },
      (request) => accounts.resetPassword(actorOf(request), request.params.id),
    );
    app.post(
      '/api/accounts/:id/grants',
      {
        schema: {
          tags,
          summary: 'Berikan peran pada satu unit (beserta sub-unitnya)',
          params: idParamSchema,
          body: grantBodySchema,
          response: { 200: accountSchema },
        },
      },
      (request) => accounts.addGrant(actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/accounts/:id/grants/:grantId',
      {
        schema: {
          tags,
          summary: 'Cabut peran',
          params: grantParamsSchema,
          response: { 200: accountSchema },
        },
      },
      (request) => accounts.revokeGrant(actorOf(request), request.params.id, request.params.grantId),
    );
    app.get(
      '/api/employees/:id/account',
      {
        schema: {
          tags,
          summary: 'Akun seorang pegawai (null bila belum ada)',
          params: idParamSchema,
          response: { 200: employeeAccountSchema },
        },
      },
      (request) => accounts.ofEmployee(actorOf(request), request.params.id),
    );
    app.post(
      '/api/employees/:id/account',
      {
        schema: {
          tags,
          summary: 'Buat akun untuk pegawai (nama pengguna = NIP; sandi sementara ditampilkan sekali)',
          params: idParamSchema,
          response: { 201: temporaryPasswordSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await accounts.createForEmployee(actorOf(request), request.params.id)),
    );
  };
}
