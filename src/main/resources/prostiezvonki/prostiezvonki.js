/*
 * The Prostiezvonki JS API, served by callcontrol (GET /prostiezvonki/prostiezvonki.js): a page written for
 * pz.connect() / pz.call() / pz.onEvent() works unchanged against the daemon's /prostiezvonki WebSocket.
 * The protocol is in docs/FACES.md. No dependencies.
 */
(function (global) {
    'use strict';

    var PATH = '/prostiezvonki';
    var MAX_PASSWORD = 32;
    var scriptSrc = global.document && global.document.currentScript ? global.document.currentScript.src : null;

    var APPLICATION_ERRORS = {
        4001: 'Ошибка проверки лицензионного ключа (4001)',
        4002: 'Лицензионный ключ недействителен (4002)',
        4003: 'Истек срок использования лицензионного ключа (4003)',
        4004: 'Лицензионный ключ не подходит для этого типа АТС-коннектора (4004)',
        4005: 'Лицензионный ключ не подходит для этой версии АТС-коннектора (4005)',
        4006: 'Нет лицензии на подключение этой CRM системы (4006)',
        4007: 'Превышено максимальное допустимое количество пользователей (4007)',
        4008: 'Ошибка авторизации (4008)',
        4009: 'Соединение прервано из-за подключения пользователя с таким же добавочным номером (4009)'
    };

    var TYPES = {TRANSFER: 1, INCOMING: 2, HISTORY: 4, OUTCOMING: 8, OUTCOMING_ANSWER: 16, INCOMING_ANSWER: 32};

    function Event(data) {
        for (var name in data) {
            if (Object.prototype.hasOwnProperty.call(data, name)) {
                this[name] = data[name];
            }
        }
    }
    Event.prototype.isTransfer = function () { return this.type === TYPES.TRANSFER; };
    Event.prototype.isIncoming = function () { return this.type === TYPES.INCOMING; };
    Event.prototype.isHistory = function () { return this.type === TYPES.HISTORY; };
    Event.prototype.isOutcoming = function () { return this.type === TYPES.OUTCOMING; };
    Event.prototype.isOutcomingAnswer = function () { return this.type === TYPES.OUTCOMING_ANSWER; };
    Event.prototype.isIncomingAnswer = function () { return this.type === TYPES.INCOMING_ANSWER; };
    // SMS are sent by the Android integration only: the daemon sends none, so these are never true.
    Event.prototype.isSmsSent = function () { return false; };
    Event.prototype.isSmsStatus = function () { return false; };

    var socket = null;
    var connected = false;
    var listeners = {connect: [], disconnect: [], error: [], event: []};

    function fire(kind, value) {
        listeners[kind].slice().forEach(function (callback) {
            try {
                callback(value);
            } catch (e) {
                if (global.console) {
                    global.console.error(e);
                }
            }
        });
    }

    function fail(command, text) {
        fire('error', {result: 'error', command: command, text: text});
    }

    /** ws(s)://host:port as given, or with the daemon's path when the address has none. */
    function address(host) {
        var url = String(host || '');
        if (!url && scriptSrc) {
            url = scriptSrc.replace(/\/prostiezvonki\/prostiezvonki\.js(\?.*)?$/, '');
        }
        url = url.replace(/^http(s?):\/\//i, 'ws$1://');
        if (!/^wss?:\/\/[^\/]+/i.test(url)) {
            return null;
        }
        return /^wss?:\/\/[^\/]+\/?$/i.test(url) ? url.replace(/\/$/, '') + PATH : url;
    }

    function send(message) {
        if (!socket || !connected) {
            fail(message.command, 'not connected: call pz.connect() first');
            return false;
        }
        socket.send(JSON.stringify(message));
        return true;
    }

    var pz = {
        APPLICATION_ERRORS: APPLICATION_ERRORS,

        connect: function (options) {
            options = options || {};
            var userPhone = options.user_phone === undefined || options.user_phone === null
                ? '' : String(options.user_phone);
            var password = options.client_id === undefined || options.client_id === null
                ? '' : String(options.client_id);
            var url = address(options.host);
            if (!userPhone) {
                return {result: 'error', text: 'user_phone is required: the operator\'s extension'};
            }
            if (password.length > MAX_PASSWORD) {
                return {result: 'error', text: 'client_id: at most ' + MAX_PASSWORD + ' characters'};
            }
            if (!url) {
                return {result: 'error', text: 'host must be the server\'s address, ws://host:port'};
            }
            if (typeof global.WebSocket !== 'function') {
                return {result: 'error', text: 'this browser has no WebSocket'};
            }
            pz.disconnect();
            var ws;
            try {
                ws = new global.WebSocket(url);
            } catch (e) {
                return {result: 'error', text: String(e && e.message || e)};
            }
            socket = ws;
            ws.onopen = function () {
                ws.send(JSON.stringify({command: 'connect', user_phone: userPhone, client_id: password,
                    client_type: options.client_type || 'jsapi'}));
            };
            ws.onmessage = function (m) {
                var message;
                try {
                    message = JSON.parse(m.data);
                } catch (e) {
                    fail(null, 'the server sent something that is not JSON');
                    return;
                }
                if (message.message === 'connected') {
                    connected = true;
                    fire('connect', {result: 'ok', user_phone: message.user_phone});
                } else if (message.message === 'event') {
                    fire('event', new Event(message.event));
                } else if (message.message === 'result' && message.result === 'error') {
                    fire('error', {result: 'error', command: message.command, text: message.text});
                }
            };
            ws.onerror = function () {
                fail(null, 'connection error');
            };
            ws.onclose = function (e) {
                if (socket === ws) {
                    socket = null;
                    connected = false;
                }
                fire('disconnect', {code: e.code, reason: e.reason, text: APPLICATION_ERRORS[e.code] || e.reason});
            };
            return {result: 'ok'};
        },

        disconnect: function () {
            var ws = socket;
            socket = null;
            connected = false;
            if (ws) {
                ws.close(1000, 'disconnect');
            }
        },

        isConnected: function () {
            return connected;
        },

        onConnect: function (callback) { listeners.connect.push(callback); },
        onDisconnect: function (callback) { listeners.disconnect.push(callback); },
        onError: function (callback) { listeners.error.push(callback); },
        onEvent: function (callback) { listeners.event.push(callback); },

        call: function (phone) {
            send({command: 'call', phone: phone === undefined || phone === null ? '' : String(phone)});
        },

        transfer: function (callId, phone) {
            send({command: 'transfer', call_id: String(callId), phone: String(phone)});
        },

        sms: function (phone, text) {
            send({command: 'sms', phone: String(phone), text: String(text)});
        }
    };

    global.prostiezvonki = pz;
    global.pz = pz;
})(typeof window !== 'undefined' ? window : this);
