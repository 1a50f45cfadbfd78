import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { PlatformInfoService } from '../../platform-info.service';
import { Authenticated } from '../../auth/capabilities.decorator';
import { About } from './about.model';

@Resolver(() => About)
export class AboutResolver {
  constructor(@Inject(PlatformInfoService) private readonly info: PlatformInfoService) {}

  @Authenticated()
  @Query(() => About)
  about(): About {
    return this.info.about();
  }
}
