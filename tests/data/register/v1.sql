-- An action register written by schema version 1 (officers as one comma-separated column,
-- free-form due tokens, no natural key). tests/test_register.py migrates it to the current one.
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    body TEXT NOT NULL,
    meeting TEXT NOT NULL,
    minute INTEGER NOT NULL,
    minute_title TEXT NOT NULL,
    idx INTEGER NOT NULL,
    details TEXT NOT NULL,
    due TEXT NOT NULL,
    officers TEXT NOT NULL DEFAULT ''
);
CREATE TABLE history (
    action_id INTEGER NOT NULL REFERENCES actions(id),
    day TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT
);
INSERT INTO actions VALUES
    (1, 'change-management', '2019-01-15', 17, 'Introduction of Paperless Committee Meetings', 1,
     'An Officer from Democratic Services be in attendance in the Committee Room from one hour before the start of the March meeting to offer any pre-meeting support required in setting up and using the Modern.gov app.',
     '2019-03', 'SaBa'),
    (2, 'change-management', '2019-01-15', 18, 'Absence Management (Q3 2017/18 v Q3 2018/19)', 1,
     'Members to be kept apprised of the Council''s ongoing absence management performance, by way of periodic updates included in the Members Bulletin.',
     'ongoing', 'KaPo'),
    (3, 'change-management', '2018-07-24', 5, 'Proposed Members'' Induction Programme (May 2019)', 1,
     'Circulate the draft induction programme to all Members.',
     '2018-09-30', 'SaBa, StTu');
INSERT INTO history VALUES
    (1, '2019-01-15', 'Not Started', NULL),
    (1, '2019-02-20', 'On Target to Complete', 'support session booked'),
    (2, '2019-01-15', 'Ongoing', NULL),
    (3, '2018-07-24', 'Not Started', NULL),
    (3, '2018-09-28', 'Completed', 'sent with the Members Bulletin');
PRAGMA user_version = 1;
