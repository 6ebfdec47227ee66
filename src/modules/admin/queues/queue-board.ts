import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bull';
import type { FastifyInstance } from 'fastify';
import { QUEUES } from '@afs/contracts';
import { PROBLEM_CONTENT_TYPE, problemType } from '../../../platform/http/problem';
import { YOUTUBE_UPLOAD_QUEUE } from '../../youtube/upload/upload-queue';
import { QueueBoardAccess } from './queue-board-access';

export const QUEUE_BOARD_PATH = '/api/v1/admin/queues';

/** Mounts Bull Board for admins at /api/v1/admin/queues, behind QueueBoardAccess. */
@Injectable()
export class QueueBoard {
  constructor(
    @InjectQueue(QUEUES.render) private readonly render: Queue,
    @InjectQueue(QUEUES.jobResults) private readonly results: Queue,
    @InjectQueue(YOUTUBE_UPLOAD_QUEUE) private readonly uploads: Queue,
    private readonly access: QueueBoardAccess,
  ) {}

  async mount(fastify: FastifyInstance): Promise<void> {
    const board = new FastifyAdapter();
    createBullBoard({ queues: [new BullAdapter(this.render), new BullAdapter(this.results), new BullAdapter(this.uploads)], serverAdapter: board });
    board.setBasePath(QUEUE_BOARD_PATH);
    await fastify.register(async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const verdict = await this.access.check(request);
        if (verdict === 'allowed') return;
        const status = verdict === 'anonymous' ? 401 : 403;
        await reply
          .code(status)
          .header('content-type', PROBLEM_CONTENT_TYPE)
          .send({
            type: problemType(status === 401 ? 'AUTH.UNAUTHENTICATED' : 'AUTH.FORBIDDEN'),
            title: status === 401 ? 'Authentication required' : 'Forbidden',
            status,
            detail:
              status === 401
                ? 'Send an admin bearer token, or open a board session with POST /api/v1/admin/queues/session.'
                : 'The queue board is for admins.',
            instance: request.url.split('?')[0],
            requestId: String(request.id),
          });
      });
      await scope.register(board.registerPlugin() as never, { prefix: QUEUE_BOARD_PATH });
    });
  }
}
