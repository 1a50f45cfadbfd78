import { Field, InputType } from '@nestjs/graphql';

/** OpenCTI's UserLoginInput: the `token` mutation's credentials. */
@InputType('UserLoginInput')
export class UserLoginInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
}
