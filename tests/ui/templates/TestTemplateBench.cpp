// The template test bench on a real service whose provider talks to the in-process Meta
// emulator: its seeded templates (approved positional and named, pending, rejected) are listed,
// filtered, filled, previewed and sent.
#include "app/store/StoreReader.h"
#include "tests/support/UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/templates/TemplateBench.h"
#include "ui/templates/TemplatePreview.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace ServiceTest;

class TestTemplateBench : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listsAndFiltersTheSyncedTemplates();
    void formFollowsThePlaceholdersAndSendWaitsForThem();
    void previewIsWhatGetsSentAndItsTicksMove();
    void namedTemplateToTheTestNumber();
    void mediaHeaderTakesItsFile();
    void unapprovedTemplatesCannotBeSent();
    void refreshShowsTheProvidersError();
    void templatesArriveWithoutBlocking();
    void ctrlTOpensTheBenchFromTheConsole();

private:
    std::unique_ptr<TemplateBench> makeBench();
    QListView* list(TemplateBench* bench) const;
    QString check(TemplateBench* bench) const;

    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Harness> m_harness;
};

void TestTemplateBench::initTestCase()
{
    QVERIFY(m_settings.isValid());
    qputenv("XDG_CONFIG_HOME", m_settings.path().toUtf8());
}

void TestTemplateBench::init()
{
    QSettings().remove(u"templates/testNumber"_s);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_harness = std::make_unique<Harness>(m_dir->path());
    QVERIFY(m_harness->up());
}

void TestTemplateBench::cleanup()
{
    m_harness.reset();
    m_dir.reset();
}

std::unique_ptr<TemplateBench> TestTemplateBench::makeBench()
{
    auto bench = std::make_unique<TemplateBench>(m_harness->client());
    QSignalSpy loaded(bench.get(), &TemplateBench::templatesLoaded);
    bench->show();
    if (!loaded.wait(5000)) {
        qWarning("the bench never read its templates");
    }
    return bench;
}

QListView* TestTemplateBench::list(TemplateBench* bench) const
{
    return bench->findChild<QListView*>(u"templateList"_s);
}

QString TestTemplateBench::check(TemplateBench* bench) const
{
    return bench->findChild<QLabel*>(u"templateCheck"_s)->text();
}

void TestTemplateBench::listsAndFiltersTheSyncedTemplates()
{
    auto bench = makeBench();
    QCOMPARE(list(bench.get())->model()->rowCount(), 6);

    QTest::keyClicks(bench->findChild<QLineEdit*>(u"templateSearch"_s), u"order"_s);
    QCOMPARE(list(bench.get())->model()->rowCount(), 2);
    bench->findChild<QLineEdit*>(u"templateSearch"_s)->clear();

    auto* status = bench->findChild<QComboBox*>(u"statusFilter"_s);
    status->setCurrentIndex(status->findData(u"approved"_s));
    QCOMPARE(list(bench.get())->model()->rowCount(), 4);
    auto* category = bench->findChild<QComboBox*>(u"categoryFilter"_s);
    category->setCurrentIndex(category->findData(u"MARKETING"_s));
    QCOMPARE(list(bench.get())->model()->rowCount(), 1);
    QCOMPARE(list(bench.get())->model()->index(0, 0).data().toString(), u"hello_world (en_US)"_s);

    status->setCurrentIndex(0);
    category->setCurrentIndex(0);
    auto* language = bench->findChild<QComboBox*>(u"languageFilter"_s);
    language->setCurrentIndex(language->findData(u"pt_BR"_s));
    QCOMPARE(list(bench.get())->model()->rowCount(), 1);
}

void TestTemplateBench::formFollowsThePlaceholdersAndSendWaitsForThem()
{
    QVERIFY(m_harness->customerWrote(kCustomer));
    auto bench = makeBench();
    ConversationSummary conversation;
    conversation.id = 1;
    conversation.e164 = kCustomer;
    bench->setConversation(conversation);
    QVERIFY(bench->selectTemplate(u"order_update"_s, u"en_US"_s));

    QVERIFY(bench->parameterField(u"1"_s));
    QVERIFY(bench->parameterField(u"2"_s));
    QVERIFY(!bench->parameterField(u"3"_s));
    QCOMPARE(bench->parameterField(u"1"_s)->placeholderText(), u"e.g. John"_s);
    QVERIFY(!bench->sendButton()->isEnabled());
    QCOMPARE(check(bench.get()), u"Fill in {{1}}, {{2}}."_s);
    // Unfilled placeholders stay visible in the preview.
    QCOMPARE(bench->preview()->bodyText(), u"Hi {{1}}, your order {{2}} has shipped."_s);

    QTest::keyClicks(bench->parameterField(u"1"_s), u"Ana"_s);
    QCOMPARE(check(bench.get()), u"Fill in {{2}}."_s);
    QVERIFY(!bench->sendButton()->isEnabled());
    QTest::keyClicks(bench->parameterField(u"2"_s), u"B-77"_s);
    QVERIFY(bench->sendButton()->isEnabled());
    QCOMPARE(bench->preview()->bodyText(), u"Hi Ana, your order B-77 has shipped."_s);
    QCOMPARE(bench->preview()->findChild<QLabel*>(u"previewHeader"_s)->text(), u"Order update"_s);
    QCOMPARE(bench->preview()->findChild<QLabel*>(u"previewFooter"_s)->text(), u"Reply STOP to unsubscribe"_s);
    QCOMPARE(bench->preview()->findChildren<QLabel*>(u"previewButton"_s).size(), 2);
}

void TestTemplateBench::previewIsWhatGetsSentAndItsTicksMove()
{
    QVERIFY(m_harness->customerWrote(kCustomer));
    auto bench = makeBench();
    const Result<std::optional<ConversationSummary>> conversation =
        MessageReader(m_harness->database()).conversationForContact(kCustomer);
    QVERIFY(conversation && *conversation);
    bench->setConversation(**conversation);
    QVERIFY(bench->findChild<QRadioButton*>(u"toConversation"_s)->isChecked());
    QVERIFY(bench->selectTemplate(u"order_update"_s, u"en_US"_s));
    QTest::keyClicks(bench->parameterField(u"1"_s), u"Ana"_s);
    QTest::keyClicks(bench->parameterField(u"2"_s), u"B-77"_s);
    const QString previewed = bench->preview()->bodyText();
    // FLOWCHAT_SHOTS=<folder>: a picture for a person to look at.
    if (const QString shots = qEnvironmentVariable("FLOWCHAT_SHOTS"); !shots.isEmpty()) {
        bench->resize(1000, 620);
        QCoreApplication::processEvents();
        bench->grab().save(shots + u"/template-bench.png"_s);
    }

    QSignalSpy sent(bench.get(), &TemplateBench::templateSent);
    QTest::mouseClick(bench->sendButton(), Qt::LeftButton);
    QVERIFY(sent.wait(5000));
    const qint64 id = sent.first().at(0).toLongLong();
    QCOMPARE(sent.first().at(1).toLongLong(), (*conversation)->id);
    QTRY_COMPARE(m_harness->statusOf(id), MessageStatus::Read);
    const Result<StoredMessage> stored = MessageReader(m_harness->database()).message(id);
    QVERIFY(stored);
    QCOMPARE(stored->templateName, u"order_update"_s);
    QCOMPARE(stored->body, previewed);
    QCOMPARE(stored->templateParameters, QStringList({u"Ana"_s, u"B-77"_s}));
    QVERIFY(bench->findChild<QLabel*>(u"templateResult"_s)->text().startsWith(u"Queued as message"_s));
}

void TestTemplateBench::namedTemplateToTheTestNumber()
{
    auto bench = makeBench();
    QVERIFY(bench->findChild<QRadioButton*>(u"toTestNumber"_s)->isChecked());
    QVERIFY(bench->selectTemplate(u"order_named"_s, u"en"_s));
    QTest::keyClicks(bench->parameterField(u"customer_name"_s), u"Jess"_s);
    QTest::keyClicks(bench->parameterField(u"order_id"_s), u"SK-1"_s);
    QCOMPARE(check(bench.get()), u"Enter a test number."_s);
    auto* number = bench->findChild<QLineEdit*>(u"testNumber"_s);
    QTest::keyClicks(number, u"12"_s);
    QVERIFY(check(bench.get()).startsWith(u"Test number: "_s));
    number->clear();
    QTest::keyClicks(number, u"+1 415 555 0100"_s);
    QVERIFY(bench->sendButton()->isEnabled());
    QCOMPARE(QSettings().value(u"templates/testNumber"_s).toString(), u"+1 415 555 0100"_s);

    QSignalSpy sent(bench.get(), &TemplateBench::templateSent);
    QTest::mouseClick(bench->sendButton(), Qt::LeftButton);
    QVERIFY(sent.wait(5000));
    const qint64 id = sent.first().at(0).toLongLong();
    QTRY_COMPARE(m_harness->statusOf(id), MessageStatus::Read);
    QCOMPARE(MessageReader(m_harness->database()).message(id)->body,
             u"Hi Jess, your order SK-1 is ready for pickup."_s);
}

void TestTemplateBench::mediaHeaderTakesItsFile()
{
    QVERIFY(m_harness->customerWrote(kCustomer));
    auto bench = makeBench();
    const Result<std::optional<ConversationSummary>> conversation =
        MessageReader(m_harness->database()).conversationForContact(kCustomer);
    QVERIFY(conversation && *conversation);
    bench->setConversation(**conversation);
    QVERIFY(bench->selectTemplate(u"delivery_photo"_s, u"en_US"_s));
    QLineEdit* header = bench->headerMediaField();
    QVERIFY(header);
    QTest::keyClicks(bench->parameterField(u"1"_s), u"Ana"_s);
    QCOMPARE(check(bench.get()), u"Fill in the header's file."_s);
    QTest::keyClicks(header, u"photo.jpg"_s);
    QCOMPARE(check(bench.get()), u"The header's file must be an https:// or http:// URL."_s);
    header->clear();
    QTest::keyClicks(header, u"https://cdn.example.com/parcel-4471.jpg"_s);
    QVERIFY(bench->sendButton()->isEnabled());
    QCOMPARE(bench->preview()->findChild<QLabel*>(u"previewHeader"_s)->text(), u"[image: parcel-4471.jpg]"_s);

    QSignalSpy sent(bench.get(), &TemplateBench::templateSent);
    QTest::mouseClick(bench->sendButton(), Qt::LeftButton);
    QVERIFY(sent.wait(5000));
    const qint64 id = sent.first().at(0).toLongLong();
    // The emulator answers 132012 to a media-header template sent without its file.
    QTRY_COMPARE(m_harness->statusOf(id), MessageStatus::Read);
    const Result<StoredMessage> stored = MessageReader(m_harness->database()).message(id);
    QVERIFY(stored);
    QVERIFY(stored->extra.templateHeader);
    QCOMPARE(stored->extra.templateHeader->url, u"https://cdn.example.com/parcel-4471.jpg"_s);

    // A template without a media header has no such field.
    QVERIFY(bench->selectTemplate(u"order_update"_s, u"en_US"_s));
    QVERIFY(!bench->headerMediaField());
}

void TestTemplateBench::unapprovedTemplatesCannotBeSent()
{
    auto bench = makeBench();
    QVERIFY(bench->selectTemplate(u"lembrete_consulta"_s, u"pt_BR"_s));
    QTest::keyClicks(bench->parameterField(u"1"_s), u"Ana"_s);
    QTest::keyClicks(bench->parameterField(u"2"_s), u"10h"_s);
    QCOMPARE(bench->preview()->bodyText(), u"Olá Ana, sua consulta é amanhã às 10h."_s);
    QVERIFY(!bench->sendButton()->isEnabled());
    QCOMPARE(check(bench.get()), u"This template is rejected: only approved templates can be sent."_s);
}

void TestTemplateBench::refreshShowsTheProvidersError()
{
    auto bench = makeBench();
    FaultSpec expired;
    expired.kind = FaultSpec::Kind::ProviderError;
    expired.httpStatus = 401;
    expired.providerCode = u"190"_s;
    m_harness->emulator->addFault(expired);
    QTest::mouseClick(bench->refreshButton(), Qt::LeftButton);
    QVERIFY(!bench->refreshButton()->isEnabled());
    auto* note = bench->findChild<QLabel*>(u"templateListNote"_s);
    QTRY_VERIFY(note->text().startsWith(u"The provider refused the refresh: "_s));
    QVERIFY(bench->refreshButton()->isEnabled());
    // What was synced before stays usable.
    QCOMPARE(list(bench.get())->model()->rowCount(), 6);
}

void TestTemplateBench::templatesArriveWithoutBlocking()
{
    // A database on a slow share: the bench opens at once and its list fills when the read answers.
    m_harness->client()->reader()->setReadDelayForTesting(300);
    TemplateBench bench(m_harness->client());
    QSignalSpy loaded(&bench, &TemplateBench::templatesLoaded);
    bench.show();
    QCOMPARE(list(&bench)->model()->rowCount(), 0);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(loaded.first().at(0).toInt(), 6);
    QCOMPARE(list(&bench)->model()->rowCount(), 6);
}

void TestTemplateBench::ctrlTOpensTheBenchFromTheConsole()
{
    MainWindow window(m_harness->config);
    window.attachService(m_harness->client());
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
    QTRY_VERIFY(window.findChild<TemplateBench*>(u"templateBench"_s));
    QVERIFY(window.findChild<TemplateBench*>(u"templateBench"_s)->isVisible());
}

QTEST_MAIN(TestTemplateBench)
#include "TestTemplateBench.moc"
