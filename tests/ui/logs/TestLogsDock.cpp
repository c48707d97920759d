// View > Logs on a real service: application log lines arrive live and filter by level,
// category and text; a storm stays bounded; the webhook log shows refused webhooks with their
// reason, and Replay runs an accepted one again without storing anything twice.
#include "app/AppLogging.h"
#include "app/logging/LogBuffer.h"
#include "providers/ProviderTraffic.h"
#include "tests/support/UiTestSupport.h"
#include "ui/logs/ApplicationLogModel.h"
#include "ui/logs/LogsDock.h"
#include "ui/logs/RequestInspector.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace ServiceTest;

class TestLogsDock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void liveLinesAndFilters();
    void stormStaysBounded();
    void webhookLogShowsRefusalsAndReplays();
    void emptyWebhookLogSaysWhereWebhooksComeFrom();
    void requestInspectorShowsMaskedExchanges();

private:
    bool shows(LogsDock& dock, const QString& text) const;
};

void TestLogsDock::initTestCase()
{
    LogBuffer::install();
}

bool TestLogsDock::shows(LogsDock& dock, const QString& text) const
{
    QAbstractItemModel* model = dock.applicationLog()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, ApplicationLogModel::TextColumn).data().toString() == text) {
            return true;
        }
    }
    return false;
}

void TestLogsDock::liveLinesAndFilters()
{
    LogsDock dock;
    dock.show();
    qCInfo(lcOutbox) << "outbox line for the dock";
    qCWarning(lcStore) << "store warning for the dock";
    qCDebug(lcService) << "service debug for the dock";
    QTRY_VERIFY(shows(dock, u"outbox line for the dock"_s));
    QVERIFY(shows(dock, u"store warning for the dock"_s));
    // Info and above by default: debug lines are kept but hidden.
    QVERIFY(!shows(dock, u"service debug for the dock"_s));
    auto* level = dock.findChild<QComboBox*>(u"logLevel"_s);
    level->setCurrentIndex(0);
    QVERIFY(shows(dock, u"service debug for the dock"_s));
    level->setCurrentIndex(2);
    QVERIFY(!shows(dock, u"outbox line for the dock"_s));
    QVERIFY(shows(dock, u"store warning for the dock"_s));
    level->setCurrentIndex(0);

    QTest::keyClicks(dock.findChild<QLineEdit*>(u"logCategory"_s), u"flowchat.outbox"_s);
    QVERIFY(shows(dock, u"outbox line for the dock"_s));
    QVERIFY(!shows(dock, u"store warning for the dock"_s));
    dock.findChild<QLineEdit*>(u"logCategory"_s)->clear();
    QTest::keyClicks(dock.findChild<QLineEdit*>(u"logSearch"_s), u"STORE WARNING"_s);
    QCOMPARE(dock.applicationLog()->model()->rowCount(), 1);
}

void TestLogsDock::stormStaysBounded()
{
    LogsDock dock;
    for (int i = 0; i < 20000; ++i) {
        qCInfo(lcHttp) << "storm" << i;
    }
    QCOMPARE(LogBuffer::instance()->entries().size(), LogBuffer::kCapacity);
    QTRY_VERIFY(shows(dock, u"storm 19999"_s));
    QVERIFY(!shows(dock, u"storm 0"_s));
    auto* model = dock.applicationLog()->model();
    auto* level = dock.findChild<QComboBox*>(u"logLevel"_s);
    level->setCurrentIndex(0);
    QVERIFY(model->rowCount() <= LogBuffer::kCapacity);
}

void TestLogsDock::webhookLogShowsRefusalsAndReplays()
{
    QTemporaryDir dir;
    Harness harness(dir.path());
    QVERIFY(harness.up());
    const Result<WebhookOutcome> accepted =
        harness.receive(harness.metaWebhook(metaInboundBody(u"wamid.ok"_s, u"14155550100"_s, u"hello"_s)));
    QVERIFY(accepted && accepted->verdict == WebhookLogEntry::Verdict::Accepted);
    const Result<WebhookOutcome> refused = harness.receive(harness.metaWebhook(
        metaInboundBody(u"wamid.bad"_s, u"14155550100"_s, u"forged"_s), "sha256=" + QByteArray(64, 'a')));
    QVERIFY(refused && refused->verdict == WebhookLogEntry::Verdict::Refused);

    LogsDock dock;
    QSignalSpy loaded(&dock, &LogsDock::webhooksLoaded);
    dock.setService(harness.client());
    dock.show();
    // The Application tab is in front: the webhook list is not read until it is shown.
    QTableView* log = dock.webhookLog();
    QVERIFY(!log->isVisible());
    QTest::qWait(0);
    QCOMPARE(loaded.count(), 0);
    dock.findChild<QTabWidget*>(u"logTabs"_s)->setCurrentIndex(1);
    QCOMPARE(log->model()->rowCount(), 0); // read on the reader's thread, never here
    QVERIFY(loaded.wait(5000));
    QAbstractItemModel* rows = log->model();
    QCOMPARE(rows->rowCount(), 2);
    // Newest first: the refused one, with its reason.
    QCOMPARE(rows->index(0, 2).data().toString(), u"refused"_s);
    QVERIFY(rows->index(0, 3).data().toString().contains(u"signature"_s, Qt::CaseInsensitive));
    QCOMPARE(rows->index(1, 2).data().toString(), u"accepted"_s);
    auto* detail = dock.findChild<QPlainTextEdit*>(u"webhookDetail"_s);
    QVERIFY(detail->placeholderText().startsWith(u"Choose a webhook"_s));

    log->selectRow(1);
    QTRY_VERIFY(detail->toPlainText().contains(u"\"wamid.ok\""_s));
    QVERIFY(detail->toPlainText().contains(u"x-hub-signature-256"_s));
    auto* replay = dock.findChild<QPushButton*>(u"replayWebhook"_s);
    QVERIFY(replay->isEnabled());
    QTest::mouseClick(replay, Qt::LeftButton);
    auto* result = dock.findChild<QLabel*>(u"replayResult"_s);
    QTRY_VERIFY(result->text().startsWith(u"Replayed: stored again"_s));
    QCOMPARE(MessageReader(harness.database()).contactMessages(kCustomer)->size(), 1);

    // A new webhook shows up without pressing Refresh, and the selection stays on its webhook.
    QVERIFY(harness.receive(harness.metaWebhook(metaInboundBody(u"wamid.new"_s, u"14155550100"_s, u"again"_s))));
    QTRY_COMPARE(rows->rowCount(), 4); // the replay is logged too
    QCOMPARE(log->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(log->selectionModel()->selectedRows().first().row(), 3);

    // While the list is hidden, new webhooks are not read; showing it reads them.
    dock.findChild<QTabWidget*>(u"logTabs"_s)->setCurrentIndex(0);
    const int reads = int(loaded.count());
    QVERIFY(harness.receive(harness.metaWebhook(metaInboundBody(u"wamid.later"_s, u"14155550100"_s, u"later"_s))));
    QTest::qWait(500); // longer than the coalescing interval: a hidden list would have reloaded by now
    QCOMPARE(loaded.count(), reads);
    QCOMPARE(rows->rowCount(), 4);
    dock.findChild<QTabWidget*>(u"logTabs"_s)->setCurrentIndex(1);
    QTRY_COMPARE(rows->rowCount(), 5);
}

void TestLogsDock::emptyWebhookLogSaysWhereWebhooksComeFrom()
{
    QTemporaryDir dir;
    Harness harness(dir.path());
    QVERIFY(harness.up());
    LogsDock dock;
    QSignalSpy loaded(&dock, &LogsDock::webhooksLoaded);
    dock.setService(harness.client());
    dock.show();
    dock.findChild<QTabWidget*>(u"logTabs"_s)->setCurrentIndex(1);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(loaded.first().first().toInt(), 0);
    const QString hint = dock.findChild<QPlainTextEdit*>(u"webhookDetail"_s)->placeholderText();
    QVERIFY2(hint.contains(u"/api/whatsapp/webhook"_s) && hint.contains(u"Diagnose webhooks"_s), qPrintable(hint));
}

void TestLogsDock::requestInspectorShowsMaskedExchanges()
{
    QTemporaryDir dir;
    Harness harness(dir.path());
    QVERIFY(harness.up());
    // What ProviderFactory does for the real service: the pool records into the service's traffic.
    ProviderTraffic traffic;
    harness.network->setTraffic(&traffic);
    harness.service->setProviderTraffic(&traffic);

    LogsDock dock;
    dock.setService(harness.client());
    dock.show();
    RequestInspector* inspector = dock.requestInspector();
    QTableView* table = inspector->table();
    const int before = table->model()->rowCount();

    QVERIFY(harness.customerWrote(kCustomer, 60000, u"where is my parcel?"_s));
    QVERIFY(harness.sendText(kCustomer, u"Parcel 4471 leaves today"_s));
    QTRY_VERIFY(table->model()->rowCount() > before);
    // Newest first: the send, answered 200.
    QCOMPARE(table->model()->index(0, ProviderExchangeModel::MethodColumn).data().toString(), u"POST"_s);
    QVERIFY(table->model()->index(0, ProviderExchangeModel::UrlColumn).data().toString().endsWith(u"/messages"_s));
    QCOMPARE(table->model()->index(0, ProviderExchangeModel::StatusColumn).data().toString(), u"200"_s);
    table->selectRow(0);
    const QString detail = inspector->detail()->toPlainText();
    QVERIFY(detail.contains(u"Parcel 4471 leaves today"_s));
    QVERIFY(detail.contains(u"Authorization: Bearer ••••"_s));
    QVERIFY2(!detail.contains(kAccessToken), "the access token must never be shown");
    QVERIFY(detail.contains(u"HTTP 200"_s));

    // A refusal: red, with Meta's own error in the body.
    harness.emulator->addFault(*FaultSpec::parse(u"error:131026x1"_s));
    QVERIFY(harness.sendText(kCustomer, u"to a number not on WhatsApp"_s));
    QTRY_VERIFY(table->model()->index(0, ProviderExchangeModel::StatusColumn).data().toString() != u"200"_s);
    QCOMPARE(table->model()->index(0, 0).data(Qt::ForegroundRole).value<QBrush>().color(), QColor(0xc6, 0x28, 0x28));
    table->selectRow(0);
    QVERIFY2(inspector->detail()->toPlainText().contains(u"131026"_s), qPrintable(inspector->detail()->toPlainText()));

    // The filter narrows to the refused one; Clear empties the list.
    inspector->findChild<QLineEdit*>(u"requestInspectorSearch"_s)->setText(u"131026"_s);
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QTest::mouseClick(inspector->findChild<QPushButton*>(u"requestInspectorClear"_s), Qt::LeftButton);
    QCOMPARE(table->model()->rowCount(), 0);
    QVERIFY(traffic.exchanges().isEmpty());
}

QTEST_MAIN(TestLogsDock)
#include "TestLogsDock.moc"
