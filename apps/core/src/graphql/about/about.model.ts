import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class ModuleVersion {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  version!: string;
}

@ObjectType({ description: 'The platform and its components.' })
export class About {
  @Field(() => String)
  version!: string;

  @Field(() => [ModuleVersion])
  dependencies!: ModuleVersion[];
}
