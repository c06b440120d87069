import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection';

export enum KeyScope {
  read = 'read',
  write = 'write',
  admin = 'admin',
}
registerEnumType(KeyScope, {
  name: 'KeyScope',
  description: 'What an API key may do; each scope includes the ones before it.',
  valuesConfig: {
    read: { description: 'Run queries (needed only when VERDICTS_PUBLIC_READ=false).' },
    write: { description: 'Also record verdicts.' },
    admin: { description: 'Also delete verdicts, manage keys and read the audit log.' },
  },
});

@ObjectType({ description: 'An API key, without its secret (only a hash of it is stored).' })
export class ApiKey {
  @Field(() => ID) id!: number;
  @Field(() => String) name!: string;
  @Field(() => KeyScope) scope!: KeyScope;
  @Field(() => String, { description: 'The key\'s public part: `vk_<prefix>_…`.' }) prefix!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String) name!: string;
  @Field(() => KeyScope) scope!: KeyScope;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => String, { description: 'The whole key. It is shown once and cannot be recovered.' }) key!: string;
  @Field(() => ApiKey) apiKey!: ApiKey;
}

@ObjectType({ description: 'Who did what: deletes, corrections and key management.' })
export class AuditEntry {
  @Field(() => ID) id!: number;
  @Field(() => Date) at!: Date;
  @Field(() => ID, { nullable: true, description: 'The API key that acted; null from the command line or with auth off.' }) apiKeyId!: number | null;
  @Field(() => String) action!: string;
  @Field(() => String, { description: 'JSON details of the action.' }) details!: string;
}

@ObjectType()
export class AuditEntryConnection extends ConnectionType(AuditEntry, 'AuditEntry') {}
