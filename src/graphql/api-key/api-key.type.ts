import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection';

/** GraphQL names in capitals; the values are the stored scopes (services/api-keys.ts). */
export enum KeyScope {
  READ = 'read',
  WRITE = 'write',
  ADMIN = 'admin',
}
registerEnumType(KeyScope, {
  name: 'KeyScope',
  description: 'What an API key may do; each scope includes the ones before it.',
  valuesConfig: {
    READ: { description: 'Run queries (needed only when VERDICTS_PUBLIC_READ=false).' },
    WRITE: { description: 'Also record verdicts.' },
    ADMIN: { description: 'Also delete verdicts, manage keys and read the audit log.' },
  },
});

@ObjectType({ description: 'An API key, without its secret (only a hash of it is stored).' })
export class ApiKey {
  @Field(() => ID, { description: "The key's id (also accepted by `verdicts keys revoke`)." })
  id!: number;
  @Field(() => String, { description: 'Who or what uses the key, as given at creation.' })
  name!: string;
  @Field(() => KeyScope, { description: 'What the key may do.' }) scope!: KeyScope;
  @Field(() => String, { description: "The key's public part: `vk_<prefix>_…`." }) prefix!: string;
  @Field(() => Date, { description: 'When the key was created.' }) createdAt!: Date;
  @Field(() => Date, {
    description: 'When the key was revoked; null while it is live.',
    nullable: true,
  })
  revokedAt!: Date | null;
}

@InputType({ description: 'A new API key: who uses it and what it may do.' })
export class CreateApiKeyInput {
  @Field(() => String, {
    description: 'Who or what will use the key, e.g. "nightly-judge-pipeline".',
  })
  name!: string;
  @Field(() => KeyScope, { description: 'What the key may do.' }) scope!: KeyScope;
}

@ObjectType({ description: 'The new key. Its secret is shown once, here, and never stored.' })
export class CreateApiKeyPayload {
  @Field(() => String, { description: 'The whole key. It is shown once and cannot be recovered.' })
  key!: string;
  @Field(() => ApiKey, { description: 'The stored key, without its secret.' }) apiKey!: ApiKey;
}

@ObjectType({ description: 'Who did what: deletes, corrections and key management.' })
export class AuditEntry {
  @Field(() => ID, { description: "The entry's id, increasing in time order." }) id!: number;
  @Field(() => Date, { description: 'When it was done.' }) at!: Date;
  @Field(() => ID, {
    nullable: true,
    description: 'The API key that acted; null from the command line or with auth off.',
  })
  apiKeyId!: number | null;
  @Field(() => String, { description: 'What was done, e.g. `deleteVerdicts` or `createApiKey`.' })
  action!: string;
  @Field(() => String, { description: 'JSON details of the action.' }) details!: string;
}

@ObjectType({ description: 'A page of audit entries (a Relay connection with opaque cursors).' })
export class AuditEntryConnection extends ConnectionType(AuditEntry, 'AuditEntry') {}
