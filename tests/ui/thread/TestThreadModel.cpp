// The thread: newest page first, older pages prepended with the view kept in place, status
// changes as dataChanged on one row, new messages appended, a failed message's reason, and pages
// that arrive later from the reader thread with each reply's quote in them.
#include "app/store/StoreReader.h"
#include "tests/support/UiTestSupport.h"
#include "ui/thread/BubbleDelegate.h"
#include "ui/thread/ThreadHeader.h"
#include "ui/thread/ThreadModel.h"
#include "ui/thread/ThreadView.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using ServiceTest::await;
using UiTest::Seeder;

class TestThreadModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void newestPageFirst();
    void statusChangeUpdatesOneRow();
    void newMessageIsAppended();
    void failedMessageShowsItsReason();
    void scrollingUpLoadsOlderMessages();
    void newMessageFollowsOnlyAtBottom();
    void longThreadKeepsABoundedWindow();
    void pagesArriveLaterWithTheirQuotes();
    void windowStateInWords_data();
    void windowStateInWords();

private:
    QString path() const
    {
        return m_dir->filePath(u"flowchat.sqlite"_s);
    }
    // `n` inbound messages from one customer; returns the conversation id.
    qint64 seedThread(int n);
    // Runs `ask` (setConversation, fetchOlder, ...) and waits for the page it asked for.
    [[nodiscard]] static bool awaitPage(ThreadModel& model, const std::function<void()>& ask)
    {
        QSignalSpy loaded(&model, &ThreadModel::pageLoaded);
        ask();
        return loaded.wait(5000);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Seeder> m_seed;
    std::unique_ptr<StoreReader> m_reader;
};

void TestThreadModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_seed = std::make_unique<Seeder>(path());
    QVERIFY(m_seed->open());
    m_reader = std::make_unique<StoreReader>(path());
}

void TestThreadModel::cleanup()
{
    m_reader.reset();
    m_seed.reset();
    m_dir.reset();
}

qint64 TestThreadModel::seedThread(int n)
{
    qint64 conversation = 0;
    for (int i = 0; i < n; ++i) {
        conversation =
            m_seed->inbound(u"+14155550100"_s, u"Ana"_s, u"message %1"_s.arg(i), (n - i) * 1000).conversationId;
    }
    return conversation;
}

void TestThreadModel::newestPageFirst()
{
    const qint64 conversation = seedThread(12);
    ThreadModel model(m_reader.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(5);
    QVERIFY(awaitPage(model, [&] { model.setConversation(conversation); }));
    QCOMPARE(model.rowCount(), 5);
    // Oldest of the page at the top, the newest message at the bottom.
    QCOMPARE(model.index(0).data(ThreadModel::BodyRole).toString(), u"message 7"_s);
    QCOMPARE(model.index(4).data(ThreadModel::BodyRole).toString(), u"message 11"_s);
    QCOMPARE(model.index(4).data(ThreadModel::DirectionRole).toInt(), int(MessageDirection::Inbound));
    QVERIFY(model.hasOlder());
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy loaded(&model, &ThreadModel::pageLoaded);
    QVERIFY(model.fetchOlder());
    QVERIFY(!model.fetchOlder()); // one page on its way at a time
    QVERIFY(loaded.wait());
    QCOMPARE(loaded.last().at(0).toInt(), 5);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 4);
    QCOMPARE(model.index(0).data(ThreadModel::BodyRole).toString(), u"message 2"_s);
    // The id -> row hash followed the prepend.
    const qint64 last = model.index(9).data(ThreadModel::IdRole).toLongLong();
    QCOMPARE(model.rowOf(last), 9);
    QVERIFY(awaitPage(model, [&] { QVERIFY(model.fetchOlder()); }));
    QCOMPARE(model.rowCount(), 12);
    QVERIFY(!model.hasOlder());
    QVERIFY(!model.fetchOlder());
    QCOMPARE(model.rowCount(), 12);
    QVERIFY(model.index(0).data(ThreadModel::DayStartsRole).toBool());
}

void TestThreadModel::statusChangeUpdatesOneRow()
{
    seedThread(3);
    const InsertedMessage out = m_seed->outgoing(u"+14155550100"_s, u"on its way"_s);
    ThreadModel model(m_reader.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(m_seed->store.get(), &MessageStore::messageChanged, &model, &ThreadModel::messageChanged);
    QVERIFY(awaitPage(model, [&] { model.setConversation(out.conversationId); }));
    const int row = model.rowOf(out.id);
    QCOMPARE(row, 3);
    QCOMPARE(model.index(row).data(ThreadModel::StatusRole).value<MessageStatus>(), MessageStatus::Pending);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    // The change arrives as a value: a read now would take 10 s, the row updates well before.
    m_reader->setReadDelayForTesting(10000);
    QVERIFY(await<MessageUpdate>(
        [&](auto done) { m_seed->store->markSending(out.id, u"meta"_s, &m_seed->context, done); }));
    QTRY_COMPARE_WITH_TIMEOUT(
        model.index(row).data(ThreadModel::StatusRole).value<MessageStatus>(), MessageStatus::Sending, 3000);
    m_reader->setReadDelayForTesting(0);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(changed.last().at(0).toModelIndex().row(), row);
    QCOMPARE(changed.last().at(1).toModelIndex().row(), row);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowCount(), 4);
}

void TestThreadModel::newMessageIsAppended()
{
    const qint64 conversation = seedThread(2);
    m_seed->inbound(u"+14155550199"_s, u"Other"_s, u"elsewhere"_s);
    ThreadModel model(m_reader.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(m_seed->store.get(), &MessageStore::messageChanged, &model, &ThreadModel::messageChanged);
    QVERIFY(awaitPage(model, [&] { model.setConversation(conversation); }));
    QCOMPARE(model.rowCount(), 2);
    m_seed->inbound(u"+14155550199"_s, u"Other"_s, u"not for this thread"_s);
    const InsertedMessage fresh = m_seed->inbound(u"+14155550100"_s, u"Ana"_s, u"one more thing"_s);
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(2).data(ThreadModel::IdRole).toLongLong(), fresh.id);
    QCOMPARE(model.index(2).data(ThreadModel::DisplayTextRole).toString(), u"one more thing"_s);
}

void TestThreadModel::failedMessageShowsItsReason()
{
    seedThread(1);
    const InsertedMessage out = m_seed->outgoing(u"+14155550100"_s, u"too late"_s);
    QVERIFY(m_seed->fail(out.id, u"131047"_s, u"Re-engagement message"_s));
    ThreadModel model(m_reader.get());
    QVERIFY(awaitPage(model, [&] { model.setConversation(out.conversationId); }));
    const QModelIndex failed = model.index(model.rowOf(out.id));
    QCOMPARE(failed.data(ThreadModel::StatusRole).value<MessageStatus>(), MessageStatus::Failed);
    QCOMPARE(failed.data(ThreadModel::ErrorCodeRole).toString(), u"131047"_s);
    QCOMPARE(failed.data(ThreadModel::ErrorMessageRole).toString(), u"Re-engagement message"_s);
    const QString title = failed.data(ThreadModel::ErrorTitleRole).toString();
    QVERIFY2(title.contains(u"24-hour"_s), qPrintable(title));
    QVERIFY(!failed.data(ThreadModel::ErrorAdviceRole).toString().isEmpty());
    // An inbound message has no reason to show.
    QVERIFY(model.index(0).data(ThreadModel::ErrorTitleRole).toString().isEmpty());

    // The bubble grows to hold the reason under it.
    ThreadView view;
    view.resize(600, 400);
    view.setThreadModel(&model);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRect row = view.visualRect(failed);
    auto* delegate = qobject_cast<BubbleDelegate*>(view.itemDelegate());
    QVERIFY(delegate);
    QStyleOptionViewItem option;
    option.initFrom(view.viewport());
    option.widget = &view;
    option.rect = row;
    const QRect bubble = delegate->bubbleRect(option, failed);
    QVERIFY(bubble.bottom() + 2 * view.fontMetrics().height() < row.bottom());
    // Outbound sits on the right.
    QVERIFY(bubble.center().x() > row.center().x());
    view.grab().save(u"/tmp/flowchat-ui-failed.png"_s);
}

void TestThreadModel::scrollingUpLoadsOlderMessages()
{
    const qint64 conversation = seedThread(60);
    ThreadModel model(m_reader.get());
    model.setPageSize(20);
    ThreadView view;
    view.resize(500, 400);
    view.setThreadModel(&model);
    model.setConversation(conversation);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(model.rowCount(), 20);
    QTRY_VERIFY(view.isAtBottom());

    // Scroll to the very top: the previous page arrives and the message we were reading stays put.
    QScrollBar* bar = view.verticalScrollBar();
    bar->setValue(bar->minimum());
    QTRY_COMPARE(model.rowCount(), 40);
    const QModelIndex formerFirst = model.index(model.rowOf(model.index(20).data(ThreadModel::IdRole).toLongLong()));
    QCOMPARE(formerFirst.data(ThreadModel::BodyRole).toString(), u"message 40"_s);
    QTRY_VERIFY(qAbs(view.visualRect(formerFirst).top()) < 30);
    QVERIFY(bar->value() > bar->minimum());
    bar->setValue(bar->minimum());
    QTRY_COMPARE(model.rowCount(), 60);
    // A full page may have been the last: the next, empty one says so.
    model.fetchOlder();
    QTRY_VERIFY(!model.hasOlder());
    QCOMPARE(model.rowCount(), 60);
}

void TestThreadModel::newMessageFollowsOnlyAtBottom()
{
    const qint64 conversation = seedThread(30);
    ThreadModel model(m_reader.get());
    connect(m_seed->store.get(), &MessageStore::messageChanged, &model, &ThreadModel::messageChanged);
    ThreadView view;
    view.resize(500, 300);
    view.setThreadModel(&model);
    model.setConversation(conversation);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(model.rowCount(), 30);
    QTRY_VERIFY(view.isAtBottom());
    m_seed->inbound(u"+14155550100"_s, u"Ana"_s, u"at the bottom we follow"_s);
    QTRY_COMPARE(model.rowCount(), 31);
    QTRY_VERIFY(view.isAtBottom() && view.visualRect(model.index(30)).bottom() <= view.viewport()->height());

    // Reading further up: a new message must not yank the view away.
    QScrollBar* bar = view.verticalScrollBar();
    bar->setValue(bar->maximum() / 2);
    const int reading = bar->value();
    m_seed->inbound(u"+14155550100"_s, u"Ana"_s, u"while you read"_s);
    QTRY_COMPARE(model.rowCount(), 32);
    QCOMPARE(bar->value(), reading);
    QVERIFY2(!view.isAtBottom(),
             qPrintable(u"value %1 max %2 rows %3"_s.arg(bar->value()).arg(bar->maximum()).arg(model.rowCount())));
}

void TestThreadModel::longThreadKeepsABoundedWindow()
{
    const qint64 conversation = seedThread(200);
    ThreadModel model(m_reader.get());
    connect(m_seed->store.get(), &MessageStore::messageChanged, &model, &ThreadModel::messageChanged);
    model.setPageSize(20);
    model.setMaxRows(60);
    ThreadView view;
    view.resize(500, 400);
    view.setThreadModel(&model);
    model.setConversation(conversation);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_COMPARE(model.rowCount(), 20);
    QTRY_VERIFY(view.isAtBottom());

    // Scrolling all the way up: never more than 60 rows, the newest dropped from the bottom, and
    // the message being read stays where it was on screen.
    QScrollBar* bar = view.verticalScrollBar();
    int pages = 0;
    while (model.hasOlder() && pages < 50) {
        const qint64 firstId = model.index(0).data(ThreadModel::IdRole).toLongLong();
        bar->setValue(bar->minimum());
        QTRY_VERIFY(model.index(0).data(ThreadModel::IdRole).toLongLong() != firstId || !model.hasOlder());
        QVERIFY(model.rowCount() <= 60);
        const QModelIndex formerFirst = model.index(model.rowOf(firstId));
        if (formerFirst.isValid()) {
            QTRY_VERIFY(qAbs(view.visualRect(formerFirst).top()) < 30);
        }
        ++pages;
    }
    QCOMPARE(model.index(0).data(ThreadModel::BodyRole).toString(), u"message 0"_s);
    QVERIFY(model.hasNewer());
    QCOMPARE(model.rowCount(), 60);

    // A message arriving now is not appended under the reader's feet...
    QSignalSpy stored(m_seed->store.get(), &MessageStore::messageChanged);
    m_seed->inbound(u"+14155550100"_s, u"Ana"_s, u"late arrival"_s);
    QTRY_VERIFY(!stored.isEmpty()); // the model has heard of it
    QCOMPARE(model.index(model.rowCount() - 1).data(ThreadModel::BodyRole).toString(), u"message 59"_s);

    // ...scrolling back down brings the dropped pages back in order, up to the new message.
    int downPages = 0;
    while (model.hasNewer() && downPages < 50) {
        const qint64 lastId = model.index(model.rowCount() - 1).data(ThreadModel::IdRole).toLongLong();
        bar->setValue(bar->maximum());
        QTRY_VERIFY(model.index(model.rowCount() - 1).data(ThreadModel::IdRole).toLongLong() != lastId
                    || !model.hasNewer());
        QVERIFY(model.rowCount() <= 60);
        ++downPages;
    }
    QVERIFY(model.hasOlder());
    QCOMPARE(model.index(model.rowCount() - 1).data(ThreadModel::BodyRole).toString(), u"late arrival"_s);
    for (int row = 1; row < model.rowCount(); ++row) {
        QVERIFY(model.index(row).data(ThreadModel::IdRole).toLongLong()
                > model.index(row - 1).data(ThreadModel::IdRole).toLongLong());
    }

    // Jumping to the newest from far up reloads the newest page.
    bar->setValue(bar->minimum());
    QTRY_VERIFY(model.hasNewer());
    view.scrollToNewest();
    QTRY_VERIFY(!model.hasNewer());
    QCOMPARE(model.index(model.rowCount() - 1).data(ThreadModel::BodyRole).toString(), u"late arrival"_s);
    QTRY_VERIFY(view.isAtBottom());
}

void TestThreadModel::pagesArriveLaterWithTheirQuotes()
{
    const qint64 conversation = seedThread(10); // wamid.seed.1 ("message 0") to wamid.seed.10
    m_seed->inbound(u"+14155550100"_s, u"Ana"_s, u"about my first message"_s, 0, u"wamid.seed.1"_s);
    m_seed->inbound(u"+14155550100"_s, u"Ana"_s, u"and this?"_s, 0, u"wamid.unknown"_s);
    // A database across a slow network: asking must not wait for it.
    m_reader->setReadDelayForTesting(300);
    ThreadModel model(m_reader.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(3);
    QSignalSpy loaded(&model, &ThreadModel::pageLoaded);
    QElapsedTimer asking;
    asking.start();
    model.setConversation(conversation);
    QVERIFY2(asking.elapsed() < 100, qPrintable(u"setConversation took %1 ms"_s.arg(asking.elapsed())));
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(loaded.wait());
    QCOMPARE(model.rowCount(), 3);
    // The quoted message is pages away, yet its author and first line came with the reply.
    const QModelIndex reply = model.index(1);
    QCOMPARE(reply.data(ThreadModel::BodyRole).toString(), u"about my first message"_s);
    QCOMPARE(reply.data(ThreadModel::QuoteRole).toStringList(), (QStringList{u"Ana"_s, u"message 0"_s}));
    QCOMPARE(model.index(2).data(ThreadModel::QuoteRole).toStringList().value(1), u"Original message not available"_s);
    QVERIFY(model.index(0).data(ThreadModel::QuoteRole).toStringList().isEmpty());
}

void TestThreadModel::windowStateInWords_data()
{
    QTest::addColumn<qint64>("ageMs");
    QTest::addColumn<QString>("text");
    const qint64 hour = 3600 * 1000;
    QTest::newRow("just wrote") << qint64(60000) << u"Window open — 23 h left"_s;
    QTest::newRow("seven hours ago") << 7 * hour << u"Window open — 17 h left"_s;
    QTest::newRow("last half hour") << 23 * hour + 35 * 60000 << u"Window open — 25 min left"_s;
    QTest::newRow("a day ago") << 24 * hour + 1000 << u"Window closed — templates only"_s;
    QTest::newRow("never wrote") << qint64(-1) << u"Window closed — templates only"_s;
}

void TestThreadModel::windowStateInWords()
{
    QFETCH(qint64, ageMs);
    QFETCH(QString, text);
    const qint64 now = 1'800'000'000'000;
    QCOMPARE(ThreadHeader::windowState(ageMs < 0 ? 0 : now - ageMs, now), text);
}

QTEST_MAIN(TestThreadModel)
#include "TestThreadModel.moc"
