import { Module } from '@nestjs/common';
import { LiveStreamService } from './services/live-stream.service';
import { StreamCollectionsService } from './services/stream-collections.service';

/** Live streams: collections and the SSE serving logic (the core role exposes them). */
@Module({
  providers: [StreamCollectionsService, LiveStreamService],
  exports: [StreamCollectionsService, LiveStreamService],
})
export class StreamsModule {}
