import { describe, expectTypeOf, it } from 'vitest';
import { connect, type TestClient, type WaitPayload } from '../../testing/index.js';

// Checked by tsc (npm run typecheck); at run time expectTypeOf does nothing.
describe('payload types follow the profile', () => {
  it('types a documented broadcast with channelId and without the 1.7.2 variants', () => {
    expectTypeOf<WaitPayload<'messageBroadcast', 'documented'>['channelId']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<WaitPayload<'messageBroadcast', 'documented'>, { serverId: string }>>().toBeNever();
  });

  it('types an elizaos-1.7 broadcast as its variants, V2 (serverId, no channelId) among them', () => {
    type V2 = Extract<WaitPayload<'messageBroadcast', 'elizaos-1.7'>, { serverId: string }>;
    expectTypeOf<V2>().not.toBeNever();
    expectTypeOf<V2>().not.toHaveProperty('channelId');
  });

  it('types a release profile that sets no schema of its own as its parent’s (1.5 → 1.6 → 1.7)', () => {
    expectTypeOf<WaitPayload<'messageBroadcast', 'elizaos-1.5'>>().toEqualTypeOf<WaitPayload<'messageBroadcast', 'elizaos-1.7'>>();
    expectTypeOf<WaitPayload<'messageAck', 'elizaos-1.7.3'>>().toEqualTypeOf<WaitPayload<'messageAck', 'elizaos-1.7'>>();
  });

  it('falls back to any profile’s payload for an event outside the profile', () => {
    expectTypeOf<WaitPayload<'messageComplete', 'elizaos-1.7'>>().toEqualTypeOf<WaitPayload<'messageComplete', 'documented'>>();
    expectTypeOf<WaitPayload<'disconnect'>>().toEqualTypeOf<{ reason: string }>();
  });

  it('infers the client’s profile from connect(), elizaos-1.7 by default', () => {
    const _typed = async () => {
      expectTypeOf(await connect({ url: 'http://127.0.0.1:1', profile: 'documented' })).toEqualTypeOf<TestClient<'documented'>>();
      expectTypeOf((await connect({ url: 'http://127.0.0.1:1' })).profile).toEqualTypeOf<'elizaos-1.7'>();
    };
    expectTypeOf(_typed).toBeFunction();
  });
});
