#!/usr/bin/env python3
"""An independent end-to-end-encrypting Matrix client for synapse-e2ee.test.ts: matrix-nio with
python-olm (Debian: python3-matrix-nio, python3-olm). Run with /usr/bin/python3.

  e2ee-client.py HOMESERVER USER_ID ACCESS_TOKEN DEVICE_ID STORE_DIR

Reads one JSON command per line on stdin, answers one JSON line on stdout:
  {"cmd": "create_room", "invite": "@bot:hs"}          -> {"room_id"}  (encrypted, waits for the join)
  {"cmd": "send", "room_id": ..., "body": ..., "to": "@bot:hs"}  -> {"event_id"}  (encrypted)
  {"cmd": "wait", "room_id": ... | null, "sender": ..., "pattern": regex, "timeout": s}
      -> {"room_id", "body", "decrypted", "room_encrypted"}: the first message (after "after")
         from sender matching the pattern; room_id null: any room but the ones given in "not_in".
  {"cmd": "fetch_file", "seq": n} -> {"encrypted": bool, "text": ...}: message n's file, downloaded
      and (when encrypted, as in an encrypted room) decrypted with the key in the event
  {"cmd": "hold_invites"}  -> {}: invites are kept pending (the default is to accept at once)
  {"cmd": "join_invites"} -> {"joined": [room ids]}: accepts the pending invites, then again at once
  {"cmd": "quit"}
Errors: {"error": "..."}. Invites from anyone are accepted (the bot's DM).
"""
import asyncio, json, re, sys, time
from nio import (AsyncClient, AsyncClientConfig, InviteMemberEvent, MegolmEvent, RoomMessage,
                 RoomSendResponse, RoomCreateResponse, EnableEncryptionBuilder, DownloadResponse)
from nio.events.room_events import RoomEncryptedMedia
from nio.crypto.attachments import decrypt_attachment

hs, user_id, token, device_id, store = sys.argv[1:6]
client = AsyncClient(hs, user_id, device_id=device_id, store_path=store,
                     config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False))
client.restore_login(user_id, device_id, token)
messages = []  # every m.room.message seen: room, sender, body, decrypted
media = {}  # seq -> the event, for messages with a file
undecryptable = []
pending_invites = []
hold = False


def on_message(room, event):
    body = getattr(event, "body", None)
    if body is not None:
        if isinstance(event, RoomEncryptedMedia) or "url" in event.source.get("content", {}):
            media[len(messages)] = event
        messages.append({"room_id": room.room_id, "sender": event.sender, "body": body,
                         "decrypted": bool(getattr(event, "decrypted", False)), "seq": len(messages)})


def on_megolm(room, event):
    undecryptable.append(event.event_id)
    print(f"undecryptable event {event.event_id} in {room.room_id} from {event.sender}", file=sys.stderr, flush=True)


async def on_invite(room, event):
    if event.state_key == user_id and event.membership == "invite":
        if hold:
            pending_invites.append(room.room_id)
        else:
            await client.join(room.room_id)


client.add_event_callback(on_message, RoomMessage)
client.add_event_callback(on_megolm, MegolmEvent)
client.add_event_callback(on_invite, InviteMemberEvent)


async def until(what, probe, timeout):
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value is not None:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def create_room(cmd):
    r = await client.room_create(invite=[cmd["invite"]], initial_state=[EnableEncryptionBuilder().as_dict()])
    if not isinstance(r, RoomCreateResponse):
        raise RuntimeError(f"room_create: {r}")
    room_id = r.room_id
    await until("the bot's join", lambda: True if room_id in client.rooms and cmd["invite"] in client.rooms[room_id].users else None, 60)
    return {"room_id": room_id}


async def send(cmd):
    room_id, to = cmd["room_id"], cmd.get("to")
    if to:  # the bot's device must be known, or it gets no key
        async def known():
            if client.should_query_keys:
                await client.keys_query()
            return True if client.device_store.active_user_devices(to) and list(client.device_store.active_user_devices(to)) else None
        deadline = time.monotonic() + 60
        while not await known():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {to}'s device keys")
            await asyncio.sleep(0.2)
    r = await client.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": cmd["body"]},
                               ignore_unverified_devices=True)
    if not isinstance(r, RoomSendResponse):
        raise RuntimeError(f"room_send: {r}")
    return {"event_id": r.event_id, "seq": len(messages)}


async def wait(cmd):
    pattern = re.compile(cmd["pattern"])
    after = cmd.get("after", 0)
    not_in = set(cmd.get("not_in", []))

    def probe():
        for m in messages[after:]:
            if m["sender"] != cmd["sender"] or not pattern.search(m["body"]):
                continue
            if cmd.get("room_id") and m["room_id"] != cmd["room_id"]:
                continue
            if m["room_id"] in not_in:
                continue
            room = client.rooms.get(m["room_id"])
            return {**m, "room_encrypted": bool(room and room.encrypted)}
        return None
    return await until(f"a message matching {cmd['pattern']}", probe, cmd.get("timeout", 60))


async def fetch_file(cmd):
    event = media[cmd["seq"]]
    if isinstance(event, RoomEncryptedMedia):
        r = await client.download(event.url)
        if not isinstance(r, DownloadResponse):
            raise RuntimeError(f"download: {r}")
        plain = decrypt_attachment(r.body, event.key["k"], event.hashes["sha256"], event.iv)
        return {"encrypted": True, "text": plain.decode("utf-8")}
    r = await client.download(event.source["content"]["url"])
    return {"encrypted": False, "text": r.body.decode("utf-8")}


async def hold_invites(cmd):
    global hold
    hold = True
    return {}


async def join_invites(cmd):
    global hold
    hold = False
    joined = list(dict.fromkeys(pending_invites))
    pending_invites.clear()
    for room_id in joined:
        await client.join(room_id)
    return {"joined": joined}


async def commands():
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        cmd = json.loads(line)
        if cmd["cmd"] == "quit":
            return
        try:
            handler = {"create_room": create_room, "send": send, "wait": wait, "fetch_file": fetch_file,
                       "hold_invites": hold_invites, "join_invites": join_invites}[cmd["cmd"]]
            out = await handler(cmd)
        except Exception as e:  # reported to the test, which fails with it
            out = {"error": f"{type(e).__name__}: {e}", "undecryptable": undecryptable}
        print(json.dumps(out), flush=True)


async def main():
    if client.should_upload_keys:
        await client.keys_upload()
    syncing = asyncio.ensure_future(client.sync_forever(timeout=1000, full_state=True, loop_sleep_time=100))
    print(json.dumps({"ready": True, "device_id": device_id}), flush=True)
    try:
        await commands()
    finally:
        syncing.cancel()
        await client.close()


asyncio.run(main())
