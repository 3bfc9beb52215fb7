/* global io, window, document, fetch, URLSearchParams -- a classic browser script; io comes from socket.io.min.js */
// A minimal ElizaOS chat client: find the agent over REST, create a channel with it, join over Socket.IO,
// send with SEND_MESSAGE (type 2) and show every messageBroadcast of the channel.
// Query parameters: server (default http://127.0.0.1:3000), agent (skip the lookup), channel (join an existing one).
(() => {
  const params = new URLSearchParams(window.location.search);
  const server = (params.get('server') || 'http://127.0.0.1:3000').replace(/\/+$/, '');
  const messageServerId = '00000000-0000-0000-0000-000000000000';
  const entityId = window.crypto.randomUUID();
  const $ = (id) => document.getElementById(id);
  let channelId = params.get('channel');
  let agentId = params.get('agent');
  let socket;

  function status(text, state) {
    $('status').textContent = text;
    $('status').dataset.state = state;
  }

  async function api(path, init) {
    const response = await fetch(`${server}${path}`, init);
    const body = await response.json();
    if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path} answered ${response.status}`);
    return body.data ?? body;
  }

  async function findAgent() {
    const { agents } = await api('/api/agents');
    const agent = agents.find((a) => a.status === 'active');
    if (!agent) throw new Error('the server has no running agent');
    return agent.id;
  }

  async function createChannel() {
    const body = { name: 'browser chat', participantCentralUserIds: [entityId, agentId], message_server_id: messageServerId, type: 'GROUP' };
    const channel = await api('/api/messaging/channels', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return channel.id;
  }

  function show(message) {
    const item = document.createElement('li');
    item.className = message.senderId === entityId ? 'me' : 'agent';
    item.dataset.sender = message.senderId;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = message.senderId === entityId ? 'You' : message.senderName;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = message.text;
    item.append(who, text);
    $('messages').append(item);
  }

  function send(event) {
    event.preventDefault();
    const message = $('text').value.trim();
    if (!message) return;
    socket.emit('message', {
      type: 2,
      payload: { channelId, roomId: channelId, senderId: entityId, senderName: 'Browser user', message, messageServerId, messageId: window.crypto.randomUUID(), source: 'browser-chat', metadata: {} },
    });
    $('text').value = '';
  }

  function listen() {
    socket = io(server, { auth: { entityId } });
    socket.on('connect', () => socket.emit('message', { type: 1, payload: { channelId, roomId: channelId, entityId, messageServerId } }));
    socket.on('channel_joined', (joined) => {
      if (joined.channelId !== channelId) return;
      status(`Joined channel ${channelId}`, 'ready');
      $('text').disabled = false;
      $('send').disabled = false;
      $('text').focus();
    });
    // 1.7.2's agent replies carry roomId only; user messages and documented broadcasts carry channelId too.
    socket.on('messageBroadcast', (message) => {
      if ((message.channelId ?? message.roomId) === channelId) show(message);
    });
    socket.on('messageError', (error) => status(`Server error: ${error.error}`, 'error'));
    socket.on('connect_error', (error) => status(`Cannot connect to ${server}: ${error.message}`, 'error'));
    socket.on('disconnect', (reason) => status(`Disconnected (${reason})`, 'error'));
    $('composer').addEventListener('submit', send);
  }

  async function start() {
    try {
      agentId ??= await findAgent();
      channelId ??= await createChannel();
      listen();
    } catch (error) {
      status(`Cannot start: ${error.message}`, 'error');
    }
  }

  void start();
})();
