// The thread's window of rows on its own, against a real store read on the reader thread: the
// newest page first, older pages prepended, a bounded window that drops rows at the far end and
// brings them back, answers to a superseded request dropped, and live changes put in place.
#include "app/store/StoreReader.h"
#include "tests/support/UiTestSupport.h"
#include "ui/thread/ThreadPager.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using UiTest::Seeder;

class TestThreadPager : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void newestPageThenOlderPages();
    void windowStaysBounded();
    void supersededAnswersAreDropped();
    void liveChangesUpdateOrAppend();

private:
    QString path() const
    {
        return m_dir->filePath(u"flowchat.sqlite"_s);
    }
    // `n` inbound messages from one customer, "message 0" the oldest; returns the conversation id.
    qint64 seedThread(int n, const QString& from = u"+14155550100"_s);
    [[nodiscard]] static bool awaitPage(ThreadPager& pager, const std::function<void()>& ask)
    {
        QSignalSpy loaded(&pager, &ThreadPager::pageLoaded);
        ask();
        return loaded.wait(5000);
    }
    static QString body(const ThreadPager& pager, int row)
    {
        return pager.rows().value(row).body;
    }
    // Rows in id order, and the id -> row index in step with them.
    static bool consistent(const ThreadPager& pager)
    {
        for (int row = 0; row < pager.rows().size(); ++row) {
            if (pager.rowOf(pager.rows().at(row).id) != row
                || pager.rowOfProviderId(pager.rows().at(row).providerMessageId) != row) {
                return false;
            }
            if (row > 0 && pager.rows().at(row).id <= pager.rows().at(row - 1).id) {
                return false;
            }
        }
        return true;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Seeder> m_seed;
    std::unique_ptr<StoreReader> m_reader;
};

void TestThreadPager::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_seed = std::make_unique<Seeder>(path());
    QVERIFY(m_seed->open());
    m_reader = std::make_unique<StoreReader>(path());
}

void TestThreadPager::cleanup()
{
    m_reader.reset();
    m_seed.reset();
    m_dir.reset();
}

qint64 TestThreadPager::seedThread(int n, const QString& from)
{
    qint64 conversation = 0;
    for (int i = 0; i < n; ++i) {
        conversation = m_seed->inbound(from, u"Ana"_s, u"message %1"_s.arg(i), (n - i) * 1000).conversationId;
    }
    return conversation;
}

void TestThreadPager::newestPageThenOlderPages()
{
    const qint64 conversation = seedThread(12);
    ThreadPager pager(m_reader.get());
    pager.setPageSize(5);
    QSignalSpy aboutToReset(&pager, &ThreadPager::aboutToReset);
    QSignalSpy reset(&pager, &ThreadPager::resetDone);
    QSignalSpy loaded(&pager, &ThreadPager::pageLoaded);
    pager.setConversation(conversation);
    // Emptied at once, filled later.
    QCOMPARE(pager.conversationId(), conversation);
    QVERIFY(pager.isLoading());
    QVERIFY(pager.rows().isEmpty());
    QCOMPARE(reset.size(), 1);
    QVERIFY(!pager.fetchOlder());
    QVERIFY(loaded.wait(5000));
    QCOMPARE(loaded.last().at(0).toInt(), 5);
    QCOMPARE(aboutToReset.size(), 2);
    QCOMPARE(reset.size(), 2);
    QVERIFY(!pager.isLoading());
    QCOMPARE(pager.rows().size(), 5);
    QCOMPARE(body(pager, 0), u"message 7"_s);
    QCOMPARE(body(pager, 4), u"message 11"_s);
    QVERIFY(consistent(pager));
    QVERIFY(pager.hasOlder());
    QVERIFY(!pager.hasNewer());

    QSignalSpy aboutToInsert(&pager, &ThreadPager::aboutToInsert);
    QSignalSpy inserted(&pager, &ThreadPager::inserted);
    QVERIFY(pager.fetchOlder());
    QVERIFY(pager.isLoading());
    QVERIFY(!pager.fetchOlder()); // one page on its way at a time
    QVERIFY(loaded.wait(5000));
    QCOMPARE(loaded.last().at(0).toInt(), 5);
    QCOMPARE(aboutToInsert.size(), 1);
    QCOMPARE(aboutToInsert.first(), (QVariantList{0, 4}));
    QCOMPARE(inserted.first(), (QVariantList{0, 4}));
    QCOMPARE(body(pager, 0), u"message 2"_s);
    QCOMPARE(pager.rows().size(), 10);
    QVERIFY(consistent(pager));

    QVERIFY(awaitPage(pager, [&] { QVERIFY(pager.fetchOlder()); }));
    QCOMPARE(pager.rows().size(), 12);
    QCOMPARE(body(pager, 0), u"message 0"_s);
    QVERIFY(!pager.hasOlder());
    QVERIFY(!pager.fetchOlder());
    QVERIFY(consistent(pager));
}

void TestThreadPager::windowStaysBounded()
{
    const qint64 conversation = seedThread(50);
    ThreadPager pager(m_reader.get());
    pager.setPageSize(10);
    pager.setMaxRows(20);
    QCOMPARE(pager.maxRows(), 30); // at least three pages
    QVERIFY(awaitPage(pager, [&] { pager.setConversation(conversation); }));
    QSignalSpy aboutToRemove(&pager, &ThreadPager::aboutToRemove);
    QSignalSpy removed(&pager, &ThreadPager::removed);
    QVERIFY(awaitPage(pager, [&] { QVERIFY(pager.fetchOlder()); }));
    QVERIFY(awaitPage(pager, [&] { QVERIFY(pager.fetchOlder()); }));
    QCOMPARE(pager.rows().size(), 30);
    QVERIFY(removed.isEmpty());
    QVERIFY(!pager.hasNewer());

    // A fourth page up drops the newest ten from the bottom.
    QVERIFY(awaitPage(pager, [&] { QVERIFY(pager.fetchOlder()); }));
    QCOMPARE(pager.rows().size(), 30);
    QCOMPARE(aboutToRemove.size(), 1);
    QCOMPARE(removed.last(), (QVariantList{30, 39}));
    QCOMPARE(body(pager, 0), u"message 10"_s);
    QCOMPARE(body(pager, 29), u"message 39"_s);
    QVERIFY(pager.hasNewer());
    QVERIFY(pager.hasOlder());
    QVERIFY(consistent(pager));

    // Down again: the dropped rows come back in order, the oldest go from the top.
    QVERIFY(awaitPage(pager, [&] { QVERIFY(pager.fetchNewer()); }));
    QCOMPARE(removed.last(), (QVariantList{0, 9}));
    QCOMPARE(pager.rows().size(), 30);
    QCOMPARE(body(pager, 0), u"message 20"_s);
    QCOMPARE(body(pager, 29), u"message 49"_s);
    QVERIFY(consistent(pager));
    // That page was full: the next, empty one says there is nothing newer.
    QVERIFY(pager.hasNewer());
    QVERIFY(awaitPage(pager, [&] { QVERIFY(pager.fetchNewer()); }));
    QVERIFY(!pager.hasNewer());
    QVERIFY(!pager.fetchNewer());
    QCOMPARE(pager.rows().size(), 30);

    // From far up, showNewest() reloads the newest page.
    QVERIFY(awaitPage(pager, [&] { QVERIFY(pager.fetchOlder()); }));
    QVERIFY(pager.hasNewer());
    QSignalSpy reset(&pager, &ThreadPager::resetDone);
    QVERIFY(awaitPage(pager, [&] { pager.showNewest(); }));
    QCOMPARE(reset.size(), 1);
    QVERIFY(!pager.hasNewer());
    QCOMPARE(pager.rows().size(), 10);
    QCOMPARE(body(pager, 9), u"message 49"_s);
}

void TestThreadPager::supersededAnswersAreDropped()
{
    const qint64 first = seedThread(3, u"+14155550100"_s);
    const qint64 second = seedThread(2, u"+14155550199"_s);
    QVERIFY(first != second);
    m_reader->setReadDelayForTesting(200);
    ThreadPager pager(m_reader.get());
    QSignalSpy loaded(&pager, &ThreadPager::pageLoaded);
    pager.setConversation(first);
    pager.setConversation(second); // before the first page is in
    QVERIFY(loaded.wait(5000));
    QCOMPARE(pager.conversationId(), second);
    QCOMPARE(pager.rows().size(), 2);
    for (const StoredMessage& row : pager.rows()) {
        QCOMPARE(row.conversationId, second);
    }
    // Nothing more arrives: the first conversation's answer was dropped. A read queued after it
    // answers after it, so its answer proves the first one is gone.
    std::optional<Result<StoredMessage>> marker;
    m_reader->message(pager.rows().first().id, this, [&](Result<StoredMessage> row) { marker = std::move(row); });
    QTRY_VERIFY(marker.has_value());
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(pager.rows().size(), 2);

    // Emptying the window leaves nothing loading.
    pager.setConversation(0);
    QVERIFY(pager.rows().isEmpty());
    QVERIFY(!pager.isLoading());
}

void TestThreadPager::liveChangesUpdateOrAppend()
{
    const qint64 conversation = seedThread(2);
    ThreadPager pager(m_reader.get());
    pager.setPageSize(10);
    connect(m_seed->store.get(), &MessageStore::messageChanged, &pager, &ThreadPager::messageChanged);
    QVERIFY(awaitPage(pager, [&] { pager.setConversation(conversation); }));
    QCOMPARE(pager.rows().size(), 2);

    // A new message in this conversation is appended; one elsewhere is not.
    QSignalSpy inserted(&pager, &ThreadPager::inserted);
    m_seed->inbound(u"+14155550199"_s, u"Other"_s, u"not for this thread"_s);
    const InsertedMessage fresh = m_seed->inbound(u"+14155550100"_s, u"Ana"_s, u"one more thing"_s);
    QTRY_COMPARE(pager.rows().size(), 3);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first(), (QVariantList{2, 2}));
    QCOMPARE(pager.rowOf(fresh.id), 2);
    QVERIFY(consistent(pager));

    // A change to a loaded message replaces its row in place.
    QSignalSpy changed(&pager, &ThreadPager::rowChanged);
    StoredMessage edited = pager.rows().at(0);
    edited.status = MessageStatus::Read;
    pager.messageChanged(edited);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toInt(), 0);
    QCOMPARE(pager.rows().at(0).status, MessageStatus::Read);
    QCOMPARE(pager.rows().size(), 3);

    // Team mode: another console's message committed after a later one (ids are handed out
    // before commit) lands between the rows shown, where its id puts it, not at the bottom.
    StoredMessage late = pager.rows().at(1);
    late.id = pager.rows().at(1).id + 1;
    late.body = u"committed late"_s;
    late.providerMessageId = u"wamid.late"_s;
    QVERIFY(late.id < pager.rows().at(2).id);
    pager.messageChanged(late);
    QCOMPARE(pager.rows().size(), 4);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.last(), (QVariantList{2, 2}));
    QCOMPARE(pager.rowOf(late.id), 2);
    QCOMPARE(pager.rowOf(fresh.id), 3);
    QVERIFY(consistent(pager));

    // With older pages still unloaded, a message older than the window arrives with its page.
    pager.setPageSize(2);
    QVERIFY(awaitPage(pager, [&] { pager.setConversation(conversation); }));
    QVERIFY(pager.hasOlder());
    StoredMessage older = pager.rows().at(0);
    older.id = pager.rows().at(0).id - 1;
    const qsizetype before = pager.rows().size();
    pager.messageChanged(older);
    QCOMPARE(pager.rows().size(), before);
}

QTEST_MAIN(TestThreadPager)
#include "TestThreadPager.moc"
