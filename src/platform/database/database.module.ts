import { Global, Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '../config/config';
import { ormOptions } from './mikro-orm.options';

@Global()
@Module({
  imports: [
    MikroOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      driver: PostgreSqlDriver,
      useFactory: (config: AppConfig) => ({
        ...ormOptions(config.DATABASE_URL),
        autoLoadEntities: true,
        registerRequestContext: true,
      }),
    }),
  ],
})
export class DatabaseModule {}
