// Help > About shows the one project version, the Qt in use, the licence and the homepage.
#include "ui/AboutDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestAboutDialog : public QObject
{
    Q_OBJECT

private slots:
    void showsVersionQtLicenceAndHomepage();
    void closeButtonCloses();
};

void TestAboutDialog::showsVersionQtLicenceAndHomepage()
{
    AboutDialog dialog;
    QCOMPARE(dialog.objectName(), QStringLiteral("aboutDialog"));
    auto text = [&dialog](const char* name) {
        auto* label = dialog.findChild<QLabel*>(QString::fromLatin1(name));
        return label ? label->text() : QStringLiteral("<missing %1>").arg(QString::fromLatin1(name));
    };
    QVERIFY2(text("aboutVersion").contains(QStringLiteral(FLOWCHAT_VERSION)), qPrintable(text("aboutVersion")));
    QVERIFY2(text("aboutQtVersion").contains(QString::fromLatin1(qVersion())), qPrintable(text("aboutQtVersion")));
    QVERIFY2(text("aboutQtVersion").contains(QStringLiteral(QT_VERSION_STR)), qPrintable(text("aboutQtVersion")));
    QVERIFY2(text("aboutLicence").contains(QStringLiteral("MIT")), qPrintable(text("aboutLicence")));
    QVERIFY(AboutDialog::homepage().startsWith(QStringLiteral("https://")));
    QVERIFY(text("aboutHomepage").contains(QStringLiteral("href=\"%1\"").arg(AboutDialog::homepage())));
    auto* homepage = dialog.findChild<QLabel*>(QStringLiteral("aboutHomepage"));
    QVERIFY(homepage->openExternalLinks());
}

void TestAboutDialog::closeButtonCloses()
{
    AboutDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy finished(&dialog, &QDialog::finished);
    auto* buttons = dialog.findChild<QDialogButtonBox*>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Close), Qt::LeftButton);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!dialog.isVisible());
}

QTEST_MAIN(TestAboutDialog)
#include "TestAboutDialog.moc"
