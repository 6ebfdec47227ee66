import { Global, Module } from '@nestjs/common';
import { RealtimeHub } from './realtime-hub';
import { SseStreams } from './sse-streams';

@Global()
@Module({ providers: [RealtimeHub, SseStreams], exports: [RealtimeHub, SseStreams] })
export class RealtimeModule {}
