// The conversation list: keyset pages that arrive from the reader thread, live moves without
// resets, search and filters, and the panel's search box driving the model.
#include "app/store/StoreReader.h"
#include "tests/support/UiTestSupport.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/conversations/ConversationListPanel.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QListView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>

using namespace Qt::StringLiterals;
using ServiceTest::await;
using UiTest::Seeder;

class TestConversationList : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pagesNewestFirst();
    void newMessageMovesRowToTop();
    void newConversationAppearsAtTop();
    void searchAndFilters_data();
    void searchAndFilters();
    void searchBoxFiltersTheList();
    void initialsAndSnippets_data();
    void initialsAndSnippets();

private:
    QString path() const
    {
        return m_dir->filePath(u"flowchat.sqlite"_s);
    }

    // Runs `ask` (reload, fetchMore, ...) and waits for the page it asked for.
    [[nodiscard]] static bool awaitPage(ConversationListModel& model, const std::function<void()>& ask)
    {
        QSignalSpy loaded(&model, &ConversationListModel::pageLoaded);
        ask();
        return loaded.wait(5000);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Seeder> m_seed;
    std::unique_ptr<StoreReader> m_reader;
};

void TestConversationList::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_seed = std::make_unique<Seeder>(path());
    QVERIFY(m_seed->open());
    m_reader = std::make_unique<StoreReader>(path());
}

void TestConversationList::cleanup()
{
    m_reader.reset();
    m_seed.reset();
    m_dir.reset();
}

void TestConversationList::pagesNewestFirst()
{
    for (int i = 0; i < 7; ++i) {
        // Customer 0 wrote longest ago.
        QVERIFY(m_seed->inbound(u"+1415555010%1"_s.arg(i), u"Customer %1"_s.arg(i), u"hello"_s, (7 - i) * 60000).id
                > 0);
    }
    ConversationListModel model(m_reader.get());
    model.setPageSize(3);
    QVERIFY(awaitPage(model, [&] { model.reload(); }));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0).data(ConversationListModel::NameRole).toString(), u"Customer 6"_s);
    QVERIFY(model.canFetchMore({}));
    QVERIFY(awaitPage(model, [&] { model.fetchMore({}); }));
    QVERIFY(awaitPage(model, [&] { model.fetchMore({}); }));
    QCOMPARE(model.rowCount(), 7);
    QVERIFY(!model.canFetchMore({}));
    for (int row = 1; row < model.rowCount(); ++row) {
        QVERIFY(model.index(row - 1).data(ConversationListModel::LastMessageAtRole).toLongLong()
                >= model.index(row).data(ConversationListModel::LastMessageAtRole).toLongLong());
    }
    QCOMPARE(model.index(6).data(ConversationListModel::NameRole).toString(), u"Customer 0"_s);

    // Under the checker, pages fetched as a view scrolling to the end would ask for them.
    QVERIFY(awaitPage(model, [&] { model.reload(); }));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY([&] {
        model.fetchMore({}); // ignored while a page is on its way
        return !model.canFetchMore({});
    }());
    QCOMPARE(model.rowCount(), 7);
}

void TestConversationList::newMessageMovesRowToTop()
{
    const qint64 oldest = m_seed->inbound(u"+14155550100"_s, u"Ana Souza"_s, u"first"_s, 3 * 60000).conversationId;
    m_seed->inbound(u"+14155550101"_s, u"Bo"_s, u"second"_s, 2 * 60000);
    m_seed->inbound(u"+14155550102"_s, u"Cy"_s, u"third"_s, 60000);
    ConversationListModel model(m_reader.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(
        m_seed->store.get(), &MessageStore::conversationChanged, &model, &ConversationListModel::conversationChanged);
    QVERIFY(awaitPage(model, [&] { model.reload(); }));
    QCOMPARE(model.rowOf(oldest), 2);
    QCOMPARE(model.index(2).data(ConversationListModel::UnreadRole).toInt(), 1);

    QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // The changed row arrives as a value: a read now would take 10 s, the row moves well before.
    m_reader->setReadDelayForTesting(10000);
    m_seed->inbound(u"+14155550100"_s, u"Ana Souza"_s, u"are you there?"_s);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowOf(oldest), 0, 3000);
    m_reader->setReadDelayForTesting(0);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(reset.size(), 0);
    QVERIFY(changed.size() >= 1);
    QCOMPARE(model.index(0).data(ConversationListModel::UnreadRole).toInt(), 2);
    QCOMPARE(model.index(0).data(ConversationListModel::SnippetRole).toString(), u"are you there?"_s);
    QCOMPARE(model.rowCount(), 3);
}

void TestConversationList::newConversationAppearsAtTop()
{
    m_seed->inbound(u"+14155550100"_s, u"Ana"_s, u"first"_s, 60000);
    ConversationListModel model(m_reader.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(
        m_seed->store.get(), &MessageStore::conversationChanged, &model, &ConversationListModel::conversationChanged);
    QVERIFY(awaitPage(model, [&] { model.reload(); }));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const qint64 fresh = m_seed->inbound(u"+442071838750"_s, QString(), u"new here"_s).conversationId;
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(fresh), 0);
    QCOMPARE(reset.size(), 0);
    // No profile name: the formatted number stands in, initials from its digits.
    QVERIFY(model.index(0).data(ConversationListModel::NameRole).toString().startsWith(u"+44"_s));
    QVERIFY(model.index(0).data(ConversationListModel::NameRole).toString().contains(u' '));
}

void TestConversationList::searchAndFilters_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("filter");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("all") << QString() << int(ConversationListModel::Filter::All)
                         << QStringList{u"Cy"_s, u"Bo Diaz"_s, u"Ana Souza"_s};
    QTest::newRow("message text") << u"invoice"_s << int(ConversationListModel::Filter::All)
                                  << QStringList{u"Bo Diaz"_s};
    QTest::newRow("name") << u"Souza"_s << int(ConversationListModel::Filter::All) << QStringList{u"Ana Souza"_s};
    QTest::newRow("number") << u"5550102"_s << int(ConversationListModel::Filter::All) << QStringList{u"Cy"_s};
    QTest::newRow("nothing") << u"zebra"_s << int(ConversationListModel::Filter::All) << QStringList{};
    QTest::newRow("unread") << QString() << int(ConversationListModel::Filter::Unread)
                            << QStringList{u"Bo Diaz"_s, u"Ana Souza"_s};
    QTest::newRow("window open") << QString() << int(ConversationListModel::Filter::WindowOpen)
                                 << QStringList{u"Cy"_s, u"Bo Diaz"_s};
}

void TestConversationList::searchAndFilters()
{
    QFETCH(QString, search);
    QFETCH(int, filter);
    QFETCH(QStringList, names);
    // Ana wrote 30 hours ago: her window is closed.
    m_seed->inbound(u"+14155550100"_s, u"Ana Souza"_s, u"my order is late"_s, 30LL * 3600 * 1000);
    m_seed->inbound(u"+14155550101"_s, u"Bo Diaz"_s, u"where is the invoice?"_s, 2 * 60000);
    const qint64 cy = m_seed->inbound(u"+14155550102"_s, u"Cy"_s, u"hi"_s, 60000).conversationId;
    QVERIFY(await<int>([&](auto done) { m_seed->store->markConversationRead(cy, &m_seed->context, done); }));
    m_seed->outgoing(u"+14155550102"_s, u"hello Cy"_s);

    ConversationListModel model(m_reader.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Each asks again; only the last question's answer is shown.
    QVERIFY(awaitPage(model, [&] {
        model.setSearch(search);
        model.setFilter(ConversationListModel::Filter(filter));
        model.reload();
    }));
    QVERIFY(!model.isLoading());
    QStringList shown;
    for (int row = 0; row < model.rowCount(); ++row) {
        shown << model.index(row).data(ConversationListModel::NameRole).toString();
    }
    QCOMPARE(shown, names);
}

void TestConversationList::searchBoxFiltersTheList()
{
    m_seed->inbound(u"+14155550100"_s, u"Ana Souza"_s, u"my order is late"_s, 60000);
    m_seed->inbound(u"+14155550101"_s, u"Bo Diaz"_s, u"where is the invoice?"_s, 30000);
    ConversationListPanel panel(m_reader.get());
    panel.resize(320, 480);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_COMPARE(panel.model()->rowCount(), 2);
    QTest::keyClicks(panel.searchBox(), u"invoice"_s);
    QTRY_COMPARE(panel.model()->rowCount(), 1);
    QCOMPARE(panel.model()->index(0).data(ConversationListModel::NameRole).toString(), u"Bo Diaz"_s);
    // Unicode typed the way a person does (keyClicks aborts on non-ASCII).
    panel.searchBox()->clear();
    QTest::sendKeyEvent(QTest::Click, panel.searchBox(), Qt::Key_unknown, u"ção"_s, Qt::NoModifier);
    QTRY_COMPARE(panel.model()->rowCount(), 0);
    QTRY_VERIFY(panel.findChild<QWidget*>(u"conversationEmpty"_s)->isVisible());
    panel.clearSearch();
    QTRY_COMPARE(panel.model()->rowCount(), 2);

    // The filter buttons are query parameters too.
    auto* unread = panel.findChild<QToolButton*>(u"filterUnread"_s);
    QVERIFY(unread);
    QTest::mouseClick(unread, Qt::LeftButton);
    QCOMPARE(panel.model()->filter(), ConversationListModel::Filter::Unread);
    QTRY_VERIFY(!panel.model()->isLoading());

    // Clicking a row selects that conversation.
    QSignalSpy selected(&panel, &ConversationListPanel::conversationSelected);
    UiTest::clickRow(panel.view(), panel.model()->index(1));
    QTRY_COMPARE(selected.size(), 1);
    QCOMPARE(selected.first().first().value<ConversationSummary>().profileName, u"Ana Souza"_s);
}

void TestConversationList::initialsAndSnippets_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("e164");
    QTest::addColumn<QString>("initials");
    QTest::newRow("two words") << u"ana souza"_s << u"+14155550100"_s << u"AS"_s;
    QTest::newRow("three words keep two") << u"Maria da Silva"_s << u"+14155550100"_s << u"MD"_s;
    QTest::newRow("no name: country code") << QString() << u"+14155550123"_s << u"+1"_s;
    QTest::newRow("emoji only: country code") << u"🙂"_s << u"+5511912345678"_s << u"+55"_s;
    QTest::newRow("not a number: a neutral mark") << QString() << u"unknown"_s << u"#"_s;
}

void TestConversationList::initialsAndSnippets()
{
    QFETCH(QString, name);
    QFETCH(QString, e164);
    QFETCH(QString, initials);
    QCOMPARE(ConversationText::initials(name, e164), initials);
}

QTEST_MAIN(TestConversationList)
#include "TestConversationList.moc"
