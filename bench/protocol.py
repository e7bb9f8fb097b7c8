"""One Streamlit session spoken over Streamlit 1.67's own websocket protocol, no browser.

What the browser does, reduced to what a page view needs:

- connect to /_stcore/stream with the subprotocol "streamlit" (the server runs nothing yet);
- send a BackMsg `rerun_script` with a ClientState: the query string, the page name
  (st.navigation's url_path, e.g. "structure"), the widget states it holds, the context
  (timezone, locale, URL) and the hashes of the messages it has cached;
- read ForwardMsgs until `script_finished` says FINISHED_SUCCESSFULLY. A run that calls
  st.rerun ends FINISHED_EARLY_FOR_RERUN and the server starts the next one itself.

Messages the client reported as cached arrive as references (`ref_hash`); like the
browser's ForwardMsgCache, the client keeps every cacheable message and resolves them.
`page_info_changed` carries the query string the server rewrote (bound widgets, defaults);
it is sent back on the next rerun, as the browser's address bar would be.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ID_PREFIX = "$$ID-"  # widget ids of keyed widgets: $$ID-<hash>-<user key>
FINISHED = ForwardMsg.FINISHED_SUCCESSFULLY
COMPILE_ERROR = ForwardMsg.FINISHED_WITH_COMPILE_ERROR


class ProtocolError(RuntimeError):
    """The server did not answer the way a Streamlit 1.67 server does."""


@dataclass
class Run:
    """What one script run drew: elements by delta path, widgets by user key."""

    seconds: float = 0.0
    elements: dict[tuple[int, ...], tuple[str, object]] = field(default_factory=dict)
    widgets: dict[str, tuple[str, object]] = field(default_factory=dict)  # key -> (id, element)
    exceptions: list[str] = field(default_factory=list)
    early_reruns: int = 0  # runs that ended in st.rerun before this one finished
    refs: int = 0  # elements that came as references to cached messages

    def metrics(self) -> dict[str, str]:
        """Every st.metric drawn: label -> value (what the page shows in numbers)."""
        return {
            el.label: el.body  # type: ignore[attr-defined]
            for kind, el in self.elements.values()
            if kind == "metric"
        }

    def labels(self, kind: str) -> dict[str, str]:
        """User key -> label of every keyed widget of one kind (e.g. checkbox counts)."""
        return {key: el.label for key, (_, el) in self.widgets.items() if type(el).__name__ == kind}  # type: ignore[attr-defined]


class Session:
    """A browser tab's Streamlit session: one websocket, its query string and widget states."""

    def __init__(self, base_url: str, page: str, query: str, timeout_s: float = 120) -> None:
        self.ws_url = base_url.replace("http", "ws", 1).rstrip("/") + "/_stcore/stream"
        self.base_url = base_url.rstrip("/")
        self.page = page
        self.query = query
        self.timeout_s = timeout_s
        self.states: dict[str, WidgetState] = {}  # widget id -> the value this client set
        self.cache: dict[str, ForwardMsg] = {}  # hash -> cacheable message
        self.conn: websockets.ClientConnection | None = None
        self.last: Run | None = None

    async def open(self) -> Run:
        """Connect and request the page: the first load, timed from before the handshake."""
        start = time.perf_counter()
        self.conn = await websockets.connect(
            self.ws_url,
            subprotocols=[websockets.Subprotocol("streamlit")],
            max_size=None,
            open_timeout=self.timeout_s,
            ping_interval=None,  # the server may be too busy to answer pings in time
        )
        return await self._rerun(start)

    async def set_checkbox(self, key: str, value: bool) -> Run:
        """Tick or untick a checkbox bound to the URL (bind="query-params"), as a click
        would: the browser writes `key=true` into its address (drops it when unticked)
        and reruns with the widget's new value."""
        if self.last is None or key not in self.last.widgets:
            raise ProtocolError(f"no widget keyed {key!r} on the page")
        widget_id = self.last.widgets[key][0]
        self.states[widget_id] = WidgetState(id=widget_id, bool_value=value)
        params = [(k, v) for k, v in parse_qsl(self.query, keep_blank_values=True) if k != key]
        self.query = urlencode(params + ([(key, "true")] if value else []))
        return await self._rerun(time.perf_counter())

    async def close(self) -> None:
        if self.conn is not None:
            await self.conn.close()

    def _back_msg(self) -> bytes:
        msg = BackMsg()
        client = msg.rerun_script
        client.query_string = self.query
        client.page_name = self.page
        client.widget_states.widgets.extend(self.states.values())
        client.cached_message_hashes.extend(self.cache)
        client.context_info.timezone = "Asia/Shanghai"
        client.context_info.timezone_offset = -480
        client.context_info.locale = "zh-CN"
        client.context_info.url = f"{self.base_url}/{self.page}?{self.query}"
        return msg.SerializeToString()

    async def _rerun(self, start: float) -> Run:
        assert self.conn is not None
        await self.conn.send(self._back_msg())
        run = Run()
        deadline = start + self.timeout_s
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise ProtocolError(f"no script_finished within {self.timeout_s:g} s")
            raw = await _recv(self.conn, left)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "ref_hash":
                msg, run.refs = self._resolve(msg), run.refs + 1
                kind = msg.WhichOneof("type")
            elif msg.metadata.cacheable:
                self.cache[msg.hash] = msg
            if kind == "new_session":
                run.elements.clear()  # a new run starts: st.rerun discards the last one
                run.widgets.clear()
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                _record(run, tuple(msg.metadata.delta_path), msg.delta.new_element)
            elif kind == "script_finished":
                if msg.script_finished == FINISHED:
                    run.seconds = time.perf_counter() - start
                    self.last = run
                    return run
                if msg.script_finished == COMPILE_ERROR:
                    raise ProtocolError("the script did not compile")
                run.early_reruns += 1

    def _resolve(self, ref: ForwardMsg) -> ForwardMsg:
        cached = self.cache.get(ref.ref_hash)
        if cached is None:
            raise ProtocolError(f"reference to a message never received: {ref.ref_hash}")
        msg = ForwardMsg()
        msg.CopyFrom(cached)
        msg.metadata.CopyFrom(ref.metadata)  # the element's place in this run
        return msg


async def _recv(conn: websockets.ClientConnection, timeout_s: float) -> bytes:
    try:
        raw = await asyncio.wait_for(conn.recv(), timeout_s)
    except TimeoutError as exc:
        raise ProtocolError(f"no message within {timeout_s:.0f} s") from exc
    if isinstance(raw, str):
        raise ProtocolError("a text frame: Streamlit sends binary protobufs")
    return raw


def _record(run: Run, path: tuple[int, ...], element: object) -> None:
    kind = element.WhichOneof("type")  # type: ignore[attr-defined]
    body = getattr(element, kind)
    run.elements[path] = (kind, body)
    if kind == "exception":
        run.exceptions.append(f"{body.type}: {body.message}")
    widget_id = getattr(body, "id", "")
    if isinstance(widget_id, str) and widget_id.startswith(ID_PREFIX):
        key = widget_id[len(ID_PREFIX) :].split("-", 1)[-1]
        run.widgets[key] = (widget_id, body)
