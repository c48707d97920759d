// Help > Diagnose webhooks: the doctor's checks as rows with a green or red mark and the fix
// underneath, against nothing listening and against a real receiver (ServiceHost, sandbox).
#include "app/headless/ServiceHost.h"
#include "tests/support/ConfigSupport.h"
#include "ui/doctor/DiagnoseWebhooksDialog.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace
{

QTreeWidgetItem* checkStartingWith(QTreeWidget* tree, const QString& prefix)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0).startsWith(prefix)) {
            return tree->topLevelItem(i);
        }
    }
    return nullptr;
}

} // namespace

class TestDiagnoseWebhooks : public QObject
{
    Q_OBJECT

private slots:
    void redWhenNothingListens();
    void greenReceiverWhenTheServiceRuns();
};

void TestDiagnoseWebhooks::redWhenNothingListens()
{
    QTemporaryDir dir;
    DiagnoseWebhooksDialog dialog(ConfigSupport::sandbox(dir.path(), ConfigSupport::freePort()));
    dialog.show();
    QSignalSpy finished(&dialog, &DiagnoseWebhooksDialog::finished);
    dialog.run();
    QVERIFY(dialog.isRunning());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().first().toBool(), false);

    QTreeWidgetItem* receiver = checkStartingWith(dialog.checks(), u"Receiver: nothing answers"_s);
    QVERIFY(receiver);
    QCOMPARE(receiver->data(0, Qt::UserRole).toBool(), false);
    QCOMPARE(receiver->toolTip(0), u"Failed"_s);
    QVERIFY(!receiver->icon(0).isNull());
    QVERIFY(receiver->text(0).contains(u"FLOWCHAT_LISTEN"_s) || receiver->childCount() > 0); // the fix, in words
    QTreeWidgetItem* provider = checkStartingWith(dialog.checks(), u"Provider: sandbox answers"_s);
    QVERIFY(provider);
    QCOMPARE(provider->data(0, Qt::UserRole).toBool(), true);
    QVERIFY(dialog.findChild<QLabel*>(u"doctorSummary"_s)->text().contains(u"failed"_s));
}

void TestDiagnoseWebhooks::greenReceiverWhenTheServiceRuns()
{
    QTemporaryDir dir;
    const Config config = ConfigSupport::sandbox(dir.path(), ConfigSupport::freePort());
    ServiceHost host(config);
    QSignalSpy started(&host, &ServiceHost::started);
    host.start();
    QVERIFY(started.count() == 1 || started.wait(10000));

    DiagnoseWebhooksDialog dialog(config);
    QSignalSpy finished(&dialog, &DiagnoseWebhooksDialog::finished);
    dialog.run();
    QVERIFY(finished.wait(20000));
    QTreeWidgetItem* receiver = checkStartingWith(dialog.checks(), u"Receiver: listening on"_s);
    QVERIFY(receiver);
    QCOMPARE(receiver->data(0, Qt::UserRole).toBool(), true);
    QCOMPARE(receiver->toolTip(0), u"Passed"_s);

    QSignalSpy stopped(&host, &ServiceHost::stopped);
    host.stop(5000);
    QVERIFY(stopped.count() == 1 || stopped.wait(10000));
}

QTEST_MAIN(TestDiagnoseWebhooks)
#include "TestDiagnoseWebhooks.moc"
