#include "app/store/StatusLadder.h"

#include <QSet>
#include <QTest>

#include <algorithm>

using StatusLadder::Move;

Q_DECLARE_METATYPE(StatusLadder::Move)

namespace StatusLadder
{
// Found by QCOMPARE through argument-dependent lookup.
char* toString(Move move)
{
    return qstrdup(move == Move::Advance ? "Advance" : "HistoryOnly");
}
} // namespace StatusLadder

namespace
{

struct Case
{
    MessageStatus current;
    MessageStatus incoming;
    Move expected;
};

constexpr Move Moves = Move::Advance;
constexpr Move History = Move::HistoryOnly;

// Every (current, incoming) pair, written out rather than derived, so the table is the spec.
const QList<Case> kCases = [] {
    using enum MessageStatus;
    return QList<Case>{
        // Pending: anything higher moves it, and so does a failure.
        {Pending, Pending, History},
        {Pending, Sending, Moves},
        {Pending, Queued, Moves},
        {Pending, Sent, Moves},
        {Pending, Delivered, Moves},
        {Pending, Read, Moves},
        {Pending, Failed, Moves},
        {Pending, Undelivered, Moves},
        {Pending, Unknown, History},
        {Pending, Received, History},
        // Sending: the same, one rung up.
        {Sending, Pending, History},
        {Sending, Sending, History},
        {Sending, Queued, Moves},
        {Sending, Sent, Moves},
        {Sending, Delivered, Moves},
        {Sending, Read, Moves},
        {Sending, Failed, Moves},
        {Sending, Undelivered, Moves},
        {Sending, Unknown, History},
        {Sending, Received, History},
        // Queued.
        {Queued, Pending, History},
        {Queued, Sending, History},
        {Queued, Queued, History},
        {Queued, Sent, Moves},
        {Queued, Delivered, Moves},
        {Queued, Read, Moves},
        {Queued, Failed, Moves},
        {Queued, Undelivered, Moves},
        {Queued, Unknown, History},
        {Queued, Received, History},
        // Sent: the last rung where a failure still moves the status.
        {Sent, Pending, History},
        {Sent, Sending, History},
        {Sent, Queued, History},
        {Sent, Sent, History},
        {Sent, Delivered, Moves},
        {Sent, Read, Moves},
        {Sent, Failed, Moves},
        {Sent, Undelivered, Moves},
        {Sent, Unknown, History},
        {Sent, Received, History},
        // Delivered: the customer has the message, so a failure is only history.
        {Delivered, Pending, History},
        {Delivered, Sending, History},
        {Delivered, Queued, History},
        {Delivered, Sent, History},
        {Delivered, Delivered, History},
        {Delivered, Read, Moves},
        {Delivered, Failed, History},
        {Delivered, Undelivered, History},
        {Delivered, Unknown, History},
        {Delivered, Received, History},
        // Read: the top of the ladder.
        {Read, Pending, History},
        {Read, Sending, History},
        {Read, Queued, History},
        {Read, Sent, History},
        {Read, Delivered, History},
        {Read, Read, History},
        {Read, Failed, History},
        {Read, Undelivered, History},
        {Read, Unknown, History},
        {Read, Received, History},
        // Failed: terminal.
        {Failed, Pending, History},
        {Failed, Sending, History},
        {Failed, Queued, History},
        {Failed, Sent, History},
        {Failed, Delivered, History},
        {Failed, Read, History},
        {Failed, Failed, History},
        {Failed, Undelivered, History},
        {Failed, Unknown, History},
        {Failed, Received, History},
        // Undelivered: terminal.
        {Undelivered, Pending, History},
        {Undelivered, Sending, History},
        {Undelivered, Queued, History},
        {Undelivered, Sent, History},
        {Undelivered, Delivered, History},
        {Undelivered, Read, History},
        {Undelivered, Failed, History},
        {Undelivered, Undelivered, History},
        {Undelivered, Unknown, History},
        {Undelivered, Received, History},
        // Unknown sits with Sending: the request may have left.
        {Unknown, Pending, History},
        {Unknown, Sending, History},
        {Unknown, Queued, Moves},
        {Unknown, Sent, Moves},
        {Unknown, Delivered, Moves},
        {Unknown, Read, Moves},
        {Unknown, Failed, Moves},
        {Unknown, Undelivered, Moves},
        {Unknown, Unknown, History},
        {Unknown, Received, History},
        // Received (an inbound message): statuses never move it.
        {Received, Pending, History},
        {Received, Sending, History},
        {Received, Queued, History},
        {Received, Sent, History},
        {Received, Delivered, History},
        {Received, Read, History},
        {Received, Failed, History},
        {Received, Undelivered, History},
        {Received, Unknown, History},
        {Received, Received, History},
    };
}();

QList<MessageStatus> allStatuses()
{
    QList<MessageStatus> all;
    for (int i = int(MessageStatus::Pending); i <= int(MessageStatus::Received); ++i) {
        all << MessageStatus(i);
    }
    return all;
}

} // namespace

class TestStatusLadder : public QObject
{
    Q_OBJECT

private slots:
    void decide_data();
    void decide();
    void tableCoversEveryPair();
    void applicationOrderPutsTerminalLast();
};

void TestStatusLadder::decide_data()
{
    QTest::addColumn<MessageStatus>("current");
    QTest::addColumn<MessageStatus>("incoming");
    QTest::addColumn<Move>("expected");
    for (const Case& c : kCases) {
        const QString name =
            Status::toString(c.current) + QStringLiteral(" <- ") + Status::toString(c.incoming)
            + (c.expected == Move::Advance ? QStringLiteral(": moves") : QStringLiteral(": history only"));
        QTest::newRow(qPrintable(name)) << c.current << c.incoming << c.expected;
    }
}

void TestStatusLadder::decide()
{
    QFETCH(MessageStatus, current);
    QFETCH(MessageStatus, incoming);
    QFETCH(Move, expected);
    QCOMPARE(StatusLadder::decide(current, incoming), expected);
}

void TestStatusLadder::tableCoversEveryPair()
{
    QSet<QPair<int, int>> pairs;
    for (const Case& c : kCases) {
        QVERIFY2(!pairs.contains({int(c.current), int(c.incoming)}),
                 qPrintable(Status::toString(c.current) + QStringLiteral(" <- ") + Status::toString(c.incoming)));
        pairs.insert({int(c.current), int(c.incoming)});
    }
    const QList<MessageStatus> all = allStatuses();
    QCOMPARE(all.size(), 10);
    for (MessageStatus current : all) {
        for (MessageStatus incoming : all) {
            QVERIFY2(pairs.contains({int(current), int(incoming)}),
                     qPrintable(Status::toString(current) + QStringLiteral(" <- ") + Status::toString(incoming)));
        }
    }
}

void TestStatusLadder::applicationOrderPutsTerminalLast()
{
    using enum MessageStatus;
    QList<MessageStatus> early{Failed, Read, Sent, Undelivered, Delivered, Queued};
    std::stable_sort(early.begin(), early.end(), [](MessageStatus a, MessageStatus b) {
        return StatusLadder::applicationOrder(a) < StatusLadder::applicationOrder(b);
    });
    const QList<MessageStatus> expected{Queued, Sent, Delivered, Read, Failed, Undelivered};
    QCOMPARE(early, expected);

    // Applied in that order, a late failure after delivery leaves the message delivered.
    MessageStatus current = Sent;
    for (MessageStatus incoming : early) {
        if (StatusLadder::decide(current, incoming) == Move::Advance) {
            current = incoming;
        }
    }
    QCOMPARE(current, Read);
}

QTEST_GUILESS_MAIN(TestStatusLadder)
#include "TestStatusLadder.moc"
