-- Who started each call: 'outbound' (makeCall, a schedule: every call before this version), 'inbound' (a caller
-- reaching an operator's phone) or 'operator-dialled' (the operator dialling from the phone); phone is the other
-- party's number in each. The status events repeat it, so that the history and the push feeds read it without a
-- join. Calls the daemon did not place have no order: their order_id is '' and their external_key is reserved
-- ('<direction>#<linkedid>': no makeCall key has a '#').
ALTER TABLE calls ADD COLUMN direction TEXT NOT NULL DEFAULT 'outbound';
ALTER TABLE call_events ADD COLUMN direction TEXT NOT NULL DEFAULT 'outbound';
-- missedCalls: the inbound calls that ended without an operator, newest last, by the calls' own key.
CREATE INDEX calls_missed ON calls (id) WHERE direction = 'inbound' AND status IN
    ('OPERATOR_NOANSWER', 'OPERATOR_BUSY', 'OPERATOR_OFFLINE', 'CLIENT_CANCEL');
