import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/api-keys';
import { pageOfAuditEntries } from '../../services/pages';
import {
  AFTER_DESCRIPTION,
  FIRST_DESCRIPTION,
  pageRequest,
  toConnection,
} from '../common/connection';
import type { Context } from '../context';
import {
  ApiKey,
  AuditEntryConnection,
  CreateApiKeyInput,
  CreateApiKeyPayload,
} from './api-key.type';
import { present } from '../../domain/invariant';

@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Admin: every API key, without secrets.' })
  async apiKeys(@Ctx() { db }: Context): Promise<ApiKey[]> {
    return (await listApiKeys(db)) as ApiKey[];
  }

  @Query(() => AuditEntryConnection, { description: 'Admin: the audit log, oldest first.' })
  async auditLog(
    @Ctx() { db }: Context,
    @Arg('first', () => Int, { nullable: true, description: FIRST_DESCRIPTION }) first?: number,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) after?: string,
  ): Promise<AuditEntryConnection> {
    const request = pageRequest(first, after);
    const page = await pageOfAuditEntries(db, request);
    return toConnection(
      { ...page, rows: page.rows.map((row) => ({ ...row, details: JSON.stringify(row.details) })) },
      request,
    );
  }

  @Mutation(() => CreateApiKeyPayload, {
    description: 'Admin: creates a key; the payload holds the only copy of it.',
  })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput, { description: "The new key's name and scope." })
    input: CreateApiKeyInput,
    @Ctx() { db, principal }: Context,
  ): Promise<CreateApiKeyPayload> {
    const created = await createApiKey(db, input.name, input.scope, principal?.apiKeyId ?? null);
    const apiKey = present(
      (await listApiKeys(db)).find((key) => key.id === created.id),
      `api key ${created.id}`,
    );
    return { key: created.key, apiKey: apiKey as ApiKey };
  }

  @Mutation(() => Boolean, {
    description: 'Admin: revokes a key by id or prefix; false when no live key matched.',
  })
  async revokeApiKey(
    @Arg('key', () => String, { description: 'Id or prefix.' }) key: string,
    @Ctx() { db, principal }: Context,
  ): Promise<boolean> {
    return revokeApiKey(db, key, principal?.apiKeyId ?? null);
  }
}
