// Library frames of tracebacks raised inside requests, urllib3 and json, as
// CPython 3.13 shows them (file, line span, instruction columns, source text),
// recorded from requests 2.34 / urllib3 2.7 and the 3.13 stdlib (entries ending _312: 3.12's). Paths are relative
// to site-packages ('site') or the stdlib directory ('std'). Messages are not here:
// the modules compute them.

/** where ('frozen': a frozen stdlib module, no source), file, line, endLine, col, endCol, function, source lines */
export type LibFrame = readonly [where: 'site' | 'std' | 'frozen', file: string, line: number, endLine: number, col: number, endCol: number, name: string, src: readonly string[]];

export const LIB_FRAMES: Record<string, ReadonlyArray<ReadonlyArray<LibFrame>>> = {
  nameres_post: [
    [
      ["site", "urllib3/connection.py", 204, 209, 19, 13, "_new_conn", ["            sock = connection.create_connection(", "                (self._dns_host, self.port),", "                self.timeout,", "                source_address=self.source_address,", "                socket_options=self.socket_options,", "            )"]],
      ["site", "urllib3/util/connection.py", 60, 60, 15, 73, "create_connection", ["    for res in socket.getaddrinfo(host, port, family, socket.SOCK_STREAM):"]],
      ["std", "socket.py", 975, 975, 15, 74, "getaddrinfo", ["    for res in _socket.getaddrinfo(host, port, family, type, proto, flags):"]],
    ],
    [
      ["site", "urllib3/connectionpool.py", 788, 801, 23, 13, "urlopen", ["            response = self._make_request(", "                conn,", "                method,", "                url,", "                timeout=timeout_obj,", "                body=body,", "                headers=headers,", "                chunked=chunked,", "                retries=retries,", "                response_conn=response_conn,", "                preload_content=preload_content,", "                decode_content=decode_content,", "                **response_kw,", "            )"]],
      ["site", "urllib3/connectionpool.py", 488, 488, 12, 23, "_make_request", ["            raise new_e"]],
      ["site", "urllib3/connectionpool.py", 464, 464, 16, 41, "_make_request", ["                self._validate_conn(conn)"]],
      ["site", "urllib3/connectionpool.py", 1106, 1106, 12, 26, "_validate_conn", ["            conn.connect()"]],
      ["site", "urllib3/connection.py", 759, 759, 31, 47, "connect", ["            self.sock = sock = self._new_conn()"]],
      ["site", "urllib3/connection.py", 211, 211, 12, 64, "_new_conn", ["            raise NameResolutionError(self.host, self, e) from e"]],
    ],
    [
      ["site", "requests/adapters.py", 696, 708, 19, 13, "send", ["            resp = conn.urlopen(", "                method=request.method,", "                url=url,", "                body=request.body,  # type: ignore[arg-type]  # urllib3 stubs don't accept Iterable[bytes | str]", "                headers=request.headers,  # type: ignore[arg-type]  # urllib3#3072", "                redirect=False,", "                assert_same_host=False,", "                preload_content=False,", "                decode_content=False,", "                retries=self.max_retries,", "                timeout=resolved_timeout,", "                chunked=chunked,", "            )"]],
      ["site", "urllib3/connectionpool.py", 842, 844, 22, 13, "urlopen", ["            retries = retries.increment(", "                method, url, error=new_e, _pool=self, _stacktrace=sys.exc_info()[2]", "            )"]],
      ["site", "urllib3/util/retry.py", 543, 543, 12, 63, "increment", ["            raise MaxRetryError(_pool, url, reason) from reason  # type: ignore[arg-type]"]],
    ],
    [
      ["site", "requests/api.py", 134, 134, 11, 63, "post", ["    return request(\"post\", url, data=data, json=json, **kwargs)"]],
      ["site", "requests/api.py", 71, 71, 15, 64, "request", ["        return session.request(method=method, url=url, **kwargs)"]],
      ["site", "requests/sessions.py", 651, 651, 15, 45, "request", ["        resp = self.send(prep, **send_kwargs)"]],
      ["site", "requests/sessions.py", 784, 784, 12, 43, "send", ["        r = adapter.send(request, **kwargs)"]],
      ["site", "requests/adapters.py", 729, 729, 12, 53, "send", ["            raise ConnectionError(e, request=request)"]],
    ],
  ],
  nameres_get: [
    [
      ["site", "urllib3/connection.py", 204, 209, 19, 13, "_new_conn", ["            sock = connection.create_connection(", "                (self._dns_host, self.port),", "                self.timeout,", "                source_address=self.source_address,", "                socket_options=self.socket_options,", "            )"]],
      ["site", "urllib3/util/connection.py", 60, 60, 15, 73, "create_connection", ["    for res in socket.getaddrinfo(host, port, family, socket.SOCK_STREAM):"]],
      ["std", "socket.py", 975, 975, 15, 74, "getaddrinfo", ["    for res in _socket.getaddrinfo(host, port, family, type, proto, flags):"]],
    ],
    [
      ["site", "urllib3/connectionpool.py", 788, 801, 23, 13, "urlopen", ["            response = self._make_request(", "                conn,", "                method,", "                url,", "                timeout=timeout_obj,", "                body=body,", "                headers=headers,", "                chunked=chunked,", "                retries=retries,", "                response_conn=response_conn,", "                preload_content=preload_content,", "                decode_content=decode_content,", "                **response_kw,", "            )"]],
      ["site", "urllib3/connectionpool.py", 488, 488, 12, 23, "_make_request", ["            raise new_e"]],
      ["site", "urllib3/connectionpool.py", 464, 464, 16, 41, "_make_request", ["                self._validate_conn(conn)"]],
      ["site", "urllib3/connectionpool.py", 1106, 1106, 12, 26, "_validate_conn", ["            conn.connect()"]],
      ["site", "urllib3/connection.py", 759, 759, 31, 47, "connect", ["            self.sock = sock = self._new_conn()"]],
      ["site", "urllib3/connection.py", 211, 211, 12, 64, "_new_conn", ["            raise NameResolutionError(self.host, self, e) from e"]],
    ],
    [
      ["site", "requests/adapters.py", 696, 708, 19, 13, "send", ["            resp = conn.urlopen(", "                method=request.method,", "                url=url,", "                body=request.body,  # type: ignore[arg-type]  # urllib3 stubs don't accept Iterable[bytes | str]", "                headers=request.headers,  # type: ignore[arg-type]  # urllib3#3072", "                redirect=False,", "                assert_same_host=False,", "                preload_content=False,", "                decode_content=False,", "                retries=self.max_retries,", "                timeout=resolved_timeout,", "                chunked=chunked,", "            )"]],
      ["site", "urllib3/connectionpool.py", 842, 844, 22, 13, "urlopen", ["            retries = retries.increment(", "                method, url, error=new_e, _pool=self, _stacktrace=sys.exc_info()[2]", "            )"]],
      ["site", "urllib3/util/retry.py", 543, 543, 12, 63, "increment", ["            raise MaxRetryError(_pool, url, reason) from reason  # type: ignore[arg-type]"]],
    ],
    [
      ["site", "requests/api.py", 87, 87, 11, 55, "get", ["    return request(\"get\", url, params=params, **kwargs)"]],
      ["site", "requests/api.py", 71, 71, 15, 64, "request", ["        return session.request(method=method, url=url, **kwargs)"]],
      ["site", "requests/sessions.py", 651, 651, 15, 45, "request", ["        resp = self.send(prep, **send_kwargs)"]],
      ["site", "requests/sessions.py", 784, 784, 12, 43, "send", ["        r = adapter.send(request, **kwargs)"]],
      ["site", "requests/adapters.py", 729, 729, 12, 53, "send", ["            raise ConnectionError(e, request=request)"]],
    ],
  ],
  refused_post: [
    [
      ["site", "urllib3/connection.py", 204, 209, 19, 13, "_new_conn", ["            sock = connection.create_connection(", "                (self._dns_host, self.port),", "                self.timeout,", "                source_address=self.source_address,", "                socket_options=self.socket_options,", "            )"]],
      ["site", "urllib3/util/connection.py", 85, 85, 12, 21, "create_connection", ["            raise err"]],
      ["site", "urllib3/util/connection.py", 73, 73, 12, 28, "create_connection", ["            sock.connect(sa)"]],
    ],
    [
      ["site", "urllib3/connectionpool.py", 788, 801, 23, 13, "urlopen", ["            response = self._make_request(", "                conn,", "                method,", "                url,", "                timeout=timeout_obj,", "                body=body,", "                headers=headers,", "                chunked=chunked,", "                retries=retries,", "                response_conn=response_conn,", "                preload_content=preload_content,", "                decode_content=decode_content,", "                **response_kw,", "            )"]],
      ["site", "urllib3/connectionpool.py", 493, 502, 12, 13, "_make_request", ["            conn.request(", "                method,", "                url,", "                body=body,", "                headers=headers,", "                chunked=chunked,", "                preload_content=preload_content,", "                decode_content=decode_content,", "                enforce_content_length=enforce_content_length,", "            )"]],
      ["site", "urllib3/connection.py", 500, 500, 8, 25, "request", ["        self.endheaders()"]],
      ["std", "http/client.py", 1331, 1331, 8, 70, "endheaders", ["        self._send_output(message_body, encode_chunked=encode_chunked)"]],
      ["std", "http/client.py", 1091, 1091, 8, 22, "_send_output", ["        self.send(msg)"]],
      ["std", "http/client.py", 1035, 1035, 16, 30, "send", ["                self.connect()"]],
      ["site", "urllib3/connection.py", 331, 331, 20, 36, "connect", ["        self.sock = self._new_conn()"]],
      ["site", "urllib3/connection.py", 219, 221, 12, 20, "_new_conn", ["            raise NewConnectionError(", "                self, f\"Failed to establish a new connection: {e}\"", "            ) from e"]],
    ],
    [
      ["site", "requests/adapters.py", 696, 708, 19, 13, "send", ["            resp = conn.urlopen(", "                method=request.method,", "                url=url,", "                body=request.body,  # type: ignore[arg-type]  # urllib3 stubs don't accept Iterable[bytes | str]", "                headers=request.headers,  # type: ignore[arg-type]  # urllib3#3072", "                redirect=False,", "                assert_same_host=False,", "                preload_content=False,", "                decode_content=False,", "                retries=self.max_retries,", "                timeout=resolved_timeout,", "                chunked=chunked,", "            )"]],
      ["site", "urllib3/connectionpool.py", 842, 844, 22, 13, "urlopen", ["            retries = retries.increment(", "                method, url, error=new_e, _pool=self, _stacktrace=sys.exc_info()[2]", "            )"]],
      ["site", "urllib3/util/retry.py", 543, 543, 12, 63, "increment", ["            raise MaxRetryError(_pool, url, reason) from reason  # type: ignore[arg-type]"]],
    ],
    [
      ["site", "requests/api.py", 134, 134, 11, 63, "post", ["    return request(\"post\", url, data=data, json=json, **kwargs)"]],
      ["site", "requests/api.py", 71, 71, 15, 64, "request", ["        return session.request(method=method, url=url, **kwargs)"]],
      ["site", "requests/sessions.py", 651, 651, 15, 45, "request", ["        resp = self.send(prep, **send_kwargs)"]],
      ["site", "requests/sessions.py", 784, 784, 12, 43, "send", ["        r = adapter.send(request, **kwargs)"]],
      ["site", "requests/adapters.py", 729, 729, 12, 53, "send", ["            raise ConnectionError(e, request=request)"]],
    ],
  ],
  refused_get: [
    [
      ["site", "urllib3/connection.py", 204, 209, 19, 13, "_new_conn", ["            sock = connection.create_connection(", "                (self._dns_host, self.port),", "                self.timeout,", "                source_address=self.source_address,", "                socket_options=self.socket_options,", "            )"]],
      ["site", "urllib3/util/connection.py", 85, 85, 12, 21, "create_connection", ["            raise err"]],
      ["site", "urllib3/util/connection.py", 73, 73, 12, 28, "create_connection", ["            sock.connect(sa)"]],
    ],
    [
      ["site", "urllib3/connectionpool.py", 788, 801, 23, 13, "urlopen", ["            response = self._make_request(", "                conn,", "                method,", "                url,", "                timeout=timeout_obj,", "                body=body,", "                headers=headers,", "                chunked=chunked,", "                retries=retries,", "                response_conn=response_conn,", "                preload_content=preload_content,", "                decode_content=decode_content,", "                **response_kw,", "            )"]],
      ["site", "urllib3/connectionpool.py", 493, 502, 12, 13, "_make_request", ["            conn.request(", "                method,", "                url,", "                body=body,", "                headers=headers,", "                chunked=chunked,", "                preload_content=preload_content,", "                decode_content=decode_content,", "                enforce_content_length=enforce_content_length,", "            )"]],
      ["site", "urllib3/connection.py", 500, 500, 8, 25, "request", ["        self.endheaders()"]],
      ["std", "http/client.py", 1331, 1331, 8, 70, "endheaders", ["        self._send_output(message_body, encode_chunked=encode_chunked)"]],
      ["std", "http/client.py", 1091, 1091, 8, 22, "_send_output", ["        self.send(msg)"]],
      ["std", "http/client.py", 1035, 1035, 16, 30, "send", ["                self.connect()"]],
      ["site", "urllib3/connection.py", 331, 331, 20, 36, "connect", ["        self.sock = self._new_conn()"]],
      ["site", "urllib3/connection.py", 219, 221, 12, 20, "_new_conn", ["            raise NewConnectionError(", "                self, f\"Failed to establish a new connection: {e}\"", "            ) from e"]],
    ],
    [
      ["site", "requests/adapters.py", 696, 708, 19, 13, "send", ["            resp = conn.urlopen(", "                method=request.method,", "                url=url,", "                body=request.body,  # type: ignore[arg-type]  # urllib3 stubs don't accept Iterable[bytes | str]", "                headers=request.headers,  # type: ignore[arg-type]  # urllib3#3072", "                redirect=False,", "                assert_same_host=False,", "                preload_content=False,", "                decode_content=False,", "                retries=self.max_retries,", "                timeout=resolved_timeout,", "                chunked=chunked,", "            )"]],
      ["site", "urllib3/connectionpool.py", 842, 844, 22, 13, "urlopen", ["            retries = retries.increment(", "                method, url, error=new_e, _pool=self, _stacktrace=sys.exc_info()[2]", "            )"]],
      ["site", "urllib3/util/retry.py", 543, 543, 12, 63, "increment", ["            raise MaxRetryError(_pool, url, reason) from reason  # type: ignore[arg-type]"]],
    ],
    [
      ["site", "requests/api.py", 87, 87, 11, 55, "get", ["    return request(\"get\", url, params=params, **kwargs)"]],
      ["site", "requests/api.py", 71, 71, 15, 64, "request", ["        return session.request(method=method, url=url, **kwargs)"]],
      ["site", "requests/sessions.py", 651, 651, 15, 45, "request", ["        resp = self.send(prep, **send_kwargs)"]],
      ["site", "requests/sessions.py", 784, 784, 12, 43, "send", ["        r = adapter.send(request, **kwargs)"]],
      ["site", "requests/adapters.py", 729, 729, 12, 53, "send", ["            raise ConnectionError(e, request=request)"]],
    ],
  ],
  http404: [
    [
      ["site", "requests/models.py", 1167, 1167, 12, 58, "raise_for_status", ["            raise HTTPError(http_error_msg, response=self)"]],
    ],
  ],
  badjson: [
    [
      ["site", "requests/models.py", 1116, 1116, 19, 57, "json", ["            return complexjson.loads(self.text, **kwargs)"]],
      ["std", "json/__init__.py", 346, 346, 15, 41, "loads", ["        return _default_decoder.decode(s)"]],
      ["std", "json/decoder.py", 344, 344, 19, 57, "decode", ["        obj, end = self.raw_decode(s, idx=_w(s, 0).end())"]],
      ["std", "json/decoder.py", 362, 362, 12, 76, "raw_decode", ["            raise JSONDecodeError(\"Expecting value\", s, err.value) from None"]],
    ],
    [
      ["site", "requests/models.py", 1120, 1120, 12, 62, "json", ["            raise RequestsJSONDecodeError(e.msg, e.doc, e.pos)"]],
    ],
  ],
  json_inner: [
    [
      ["std", "json/__init__.py", 346, 346, 15, 41, "loads", ["        return _default_decoder.decode(s)"]],
      ["std", "json/decoder.py", 344, 344, 19, 57, "decode", ["        obj, end = self.raw_decode(s, idx=_w(s, 0).end())"]],
      ["std", "json/decoder.py", 360, 360, 23, 45, "raw_decode", ["            obj, end = self.scan_once(s, idx)"]],
    ],
  ],
  json_value: [
    [
      ["std", "json/__init__.py", 346, 346, 15, 41, "loads", ["        return _default_decoder.decode(s)"]],
      ["std", "json/decoder.py", 344, 344, 19, 57, "decode", ["        obj, end = self.raw_decode(s, idx=_w(s, 0).end())"]],
      ["std", "json/decoder.py", 362, 362, 12, 76, "raw_decode", ["            raise JSONDecodeError(\"Expecting value\", s, err.value) from None"]],
    ],
  ],
  json_extra: [
    [
      ["std", "json/__init__.py", 346, 346, 15, 41, "loads", ["        return _default_decoder.decode(s)"]],
      ["std", "json/decoder.py", 347, 347, 12, 55, "decode", ["            raise JSONDecodeError(\"Extra data\", s, end)"]],
    ],
  ],
  addrinuse: [
    [
      ["frozen", "<frozen runpy>", 198, 198, -1, -1, "_run_module_as_main", []],
      ["frozen", "<frozen runpy>", 88, 88, -1, -1, "_run_code", []],
      ["std", "http/server.py", 1320, 1326, 4, 5, "<module>", ["    test(", "        HandlerClass=handler_class,", "        ServerClass=DualStackServer,", "        port=args.port,", "        bind=args.bind,", "        protocol=args.protocol,", "    )"]],
      ["std", "http/server.py", 1267, 1267, 9, 40, "test", ["    with ServerClass(addr, HandlerClass) as httpd:"]],
      ["std", "socketserver.py", 457, 457, 16, 34, "__init__", ["                self.server_bind()"]],
      ["std", "http/server.py", 1314, 1314, 19, 40, "server_bind", ["            return super().server_bind()"]],
      ["std", "http/server.py", 136, 136, 8, 48, "server_bind", ["        socketserver.TCPServer.server_bind(self)"]],
      ["std", "socketserver.py", 473, 473, 8, 45, "server_bind", ["        self.socket.bind(self.server_address)"]],
    ],
  ],
  json_dumps: [
    [
      ["std", "json/__init__.py", 231, 231, 15, 43, "dumps", ["        return _default_encoder.encode(obj)"]],
      ["std", "json/encoder.py", 200, 200, 17, 51, "encode", ["        chunks = self.iterencode(o, _one_shot=True)"]],
      ["std", "json/encoder.py", 261, 261, 15, 32, "iterencode", ["        return _iterencode(o, 0)"]],
      ["std", "json/encoder.py", 180, 181, 8, 52, "default", ["        raise TypeError(f'Object of type {o.__class__.__name__} '", "                        f'is not JSON serializable')"]],
    ],
  ],
  json_dumps_custom: [
    [
      ["std", "json/__init__.py", 238, 238, 14, 25, "dumps", ["        **kw).encode(obj)"]],
      ["std", "json/encoder.py", 200, 200, 17, 51, "encode", ["        chunks = self.iterencode(o, _one_shot=True)"]],
      ["std", "json/encoder.py", 261, 261, 15, 32, "iterencode", ["        return _iterencode(o, 0)"]],
      ["std", "json/encoder.py", 180, 181, 8, 52, "default", ["        raise TypeError(f'Object of type {o.__class__.__name__} '", "                        f'is not JSON serializable')"]],
    ],
  ],
  json_dumps_key: [
    [
      ["std", "json/__init__.py", 231, 231, 15, 43, "dumps", ["        return _default_encoder.encode(obj)"]],
      ["std", "json/encoder.py", 200, 200, 17, 51, "encode", ["        chunks = self.iterencode(o, _one_shot=True)"]],
      ["std", "json/encoder.py", 261, 261, 15, 32, "iterencode", ["        return _iterencode(o, 0)"]],
    ],
  ],
  json_inner_312: [
    [
      ["std", "json/__init__.py", 346, 346, 15, 41, "loads", ["        return _default_decoder.decode(s)"]],
      ["std", "json/decoder.py", 337, 337, 19, 57, "decode", ["        obj, end = self.raw_decode(s, idx=_w(s, 0).end())"]],
      ["std", "json/decoder.py", 353, 353, 23, 45, "raw_decode", ["            obj, end = self.scan_once(s, idx)"]],
    ],
  ],
  json_value_312: [
    [
      ["std", "json/__init__.py", 346, 346, 15, 41, "loads", ["        return _default_decoder.decode(s)"]],
      ["std", "json/decoder.py", 337, 337, 19, 57, "decode", ["        obj, end = self.raw_decode(s, idx=_w(s, 0).end())"]],
      ["std", "json/decoder.py", 355, 355, 12, 76, "raw_decode", ["            raise JSONDecodeError(\"Expecting value\", s, err.value) from None"]],
    ],
  ],
  json_extra_312: [
    [
      ["std", "json/__init__.py", 346, 346, 15, 41, "loads", ["        return _default_decoder.decode(s)"]],
      ["std", "json/decoder.py", 340, 340, 12, 55, "decode", ["            raise JSONDecodeError(\"Extra data\", s, end)"]],
    ],
  ],
  json_dumps_312: [
    [
      ["std", "json/__init__.py", 231, 231, 15, 43, "dumps", ["        return _default_encoder.encode(obj)"]],
      ["std", "json/encoder.py", 200, 200, 17, 51, "encode", ["        chunks = self.iterencode(o, _one_shot=True)"]],
      ["std", "json/encoder.py", 258, 258, 15, 32, "iterencode", ["        return _iterencode(o, 0)"]],
      ["std", "json/encoder.py", 180, 181, 8, 52, "default", ["        raise TypeError(f'Object of type {o.__class__.__name__} '", "                        f'is not JSON serializable')"]],
    ],
  ],
  json_dumps_custom_312: [
    [
      ["std", "json/__init__.py", 238, 238, 14, 25, "dumps", ["        **kw).encode(obj)"]],
      ["std", "json/encoder.py", 202, 202, 21, 33, "encode", ["            chunks = list(chunks)"]],
      ["std", "json/encoder.py", 432, 432, 12, 65, "_iterencode", ["            yield from _iterencode_dict(o, _current_indent_level)"]],
      ["std", "json/encoder.py", 406, 406, 16, 33, "_iterencode_dict", ["                yield from chunks"]],
      ["std", "json/encoder.py", 439, 439, 16, 27, "_iterencode", ["            o = _default(o)"]],
      ["std", "json/encoder.py", 180, 181, 8, 52, "default", ["        raise TypeError(f'Object of type {o.__class__.__name__} '", "                        f'is not JSON serializable')"]],
    ],
  ],
  json_dumps_key_312: [
    [
      ["std", "json/__init__.py", 231, 231, 15, 43, "dumps", ["        return _default_encoder.encode(obj)"]],
      ["std", "json/encoder.py", 200, 200, 17, 51, "encode", ["        chunks = self.iterencode(o, _one_shot=True)"]],
      ["std", "json/encoder.py", 258, 258, 15, 32, "iterencode", ["        return _iterencode(o, 0)"]],
    ],
  ],
};
