import { Controller, Get, Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ASPECT_RATIOS,
  CATALOG_LANGUAGES,
  CATALOG_VOICES,
  DEFAULT_RENDER_OPTIONS,
  FRAME_RATES,
  JOB_TYPE_STEPS,
  JOB_TYPES,
  MUSIC_LEVEL_LIMITS,
  RENDER_STYLES,
  RESOLUTIONS,
  SCRIPT_MAX_LENGTH,
  SPEAKING_RATE_LIMITS,
  SUBTITLE_MODES,
  TARGET_DURATION_LIMITS,
  TITLE_MAX_LENGTH,
} from '@afs/contracts';
import { Public } from '../../../platform/auth/public.decorator';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { ListPacksQuery } from '../../credits/queries/list-packs/list-packs.query';
import { jobCost } from '../../jobs/domain/job-costs';

/** Everything a client needs to build a project form, so no client hard-codes a list. */
@ApiTags('catalog')
@Public()
@Controller('catalog')
export class CatalogController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Styles, aspect ratios, resolutions, frame rates, voices, languages, job types with costs, credit packs.' })
  async catalog() {
    const packs = await this.queries.execute(new ListPacksQuery());
    return {
      styles: RENDER_STYLES,
      aspectRatios: ASPECT_RATIOS,
      resolutions: RESOLUTIONS,
      frameRates: FRAME_RATES,
      subtitleModes: SUBTITLE_MODES,
      voices: CATALOG_VOICES,
      languages: CATALOG_LANGUAGES,
      limits: {
        scriptMaxLength: SCRIPT_MAX_LENGTH,
        titleMaxLength: TITLE_MAX_LENGTH,
        speakingRate: SPEAKING_RATE_LIMITS,
        musicLevel: MUSIC_LEVEL_LIMITS,
        targetDuration: TARGET_DURATION_LIMITS,
      },
      defaults: DEFAULT_RENDER_OPTIONS,
      jobTypes: JOB_TYPES.map((type) => ({ type, cost: jobCost(this.config, type), steps: JOB_TYPE_STEPS[type] })),
      creditPacks: packs,
    };
  }
}
