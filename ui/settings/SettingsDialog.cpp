#include "ui/settings/SettingsDialog.h"

#include "app/config/ApiTokenKeeper.h"
#include "app/config/ConfigLoader.h"
#include "app/config/SecretStore.h"
#include "app/service/ProviderFactory.h"
#include "ui/settings/DatabaseSettings.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace
{

// The keys this dialog edits, in the order the form shows them.
const QStringList& editableKeys()
{
    static const QStringList keys = {
        ConfigKey::Provider,
        ConfigKey::TwilioAccountSid,
        ConfigKey::TwilioAuthToken,
        ConfigKey::TwilioWhatsAppNumber,
        ConfigKey::WhatsAppApiUrl,
        ConfigKey::WhatsAppApiToken,
        ConfigKey::WhatsAppPhoneNumberId,
        ConfigKey::WhatsAppBusinessAccountId,
        ConfigKey::PublicUrl,
        ConfigKey::WhatsAppVerifyToken,
        ConfigKey::WhatsAppAppSecret,
        ConfigKey::Listen,
        ConfigKey::ApiToken,
        ConfigKey::Database,
        ConfigKey::DatabasePassword,
        ConfigKey::Agent,
    };
    return keys;
}

QLabel* wrappedLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

} // namespace

SettingsDialog::SettingsDialog(const Config& current, QSettings* settings, SecretStore* secrets, QWidget* parent)
    : QDialog(parent)
    , m_current(current)
    , m_ownSettings(
          settings ? nullptr
                   : std::make_unique<QSettings>(ConfigLoader::organizationName(), ConfigLoader::applicationName()))
    , m_settings(settings ? settings : m_ownSettings.get())
    , m_secrets(secrets)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    resize(640, 720);

    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    QStringList overriddenBy;
    for (const QString& key : editableKeys()) {
        if (isOverridden(key) && !overriddenBy.contains(m_current.origin(key).describe())) {
            overriddenBy << m_current.origin(key).describe();
        }
    }
    if (!overriddenBy.isEmpty()) {
        auto* note = wrappedLabel(tr("Greyed-out values are set by %1 and win over what is saved here; "
                                     "change them there.")
                                      .arg(overriddenBy.join(tr(" and "))),
                                  content);
        note->setObjectName(QStringLiteral("settingsOverriddenNote"));
        column->addWidget(note);
    }
    column->addWidget(createProviderGroup());
    column->addWidget(createWebhookGroup());
    column->addWidget(createServiceGroup());
    column->addWidget(createHistoryGroup());
    m_otherProblems = wrappedLabel(QString(), content);
    m_otherProblems->setObjectName(QStringLiteral("settingsOtherProblems"));
    m_otherProblems->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_otherProblems->hide();
    column->addWidget(m_otherProblems);
    column->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    m_secretsNote = wrappedLabel(m_secrets ? m_secrets->describe() : QString(), this);
    m_secretsNote->setObjectName(QStringLiteral("settingsSecretsNote"));
    m_secretsNote->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Save)->setText(tr("Save and restart"));
    m_buttons->button(QDialogButtonBox::Save)
        ->setToolTip(tr("Saves the settings and restarts the message service. Unsent messages stay queued."));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_secretsNote);
    layout->addWidget(m_buttons);
    m_initialValues = editedValues();
    revalidate();
}

SettingsDialog::~SettingsDialog() = default;

QWidget* SettingsDialog::createProviderGroup()
{
    auto* group = new QGroupBox(tr("Provider"));
    auto* column = new QVBoxLayout(group);
    auto* top = new QFormLayout;
    m_provider = new QComboBox(group);
    m_provider->setObjectName(QStringLiteral("settingsProvider"));
    m_provider->setAccessibleName(tr("Provider"));
    m_provider->addItem(tr("Sandbox (no account needed)"), QStringLiteral("sandbox"));
    m_provider->addItem(tr("Twilio"), QStringLiteral("twilio"));
    m_provider->addItem(tr("Meta WhatsApp Cloud API (direct)"), QStringLiteral("direct"));
    const int index = m_provider->findData(m_current.value(ConfigKey::Provider).trimmed().toLower());
    m_provider->setCurrentIndex(index < 0 ? 0 : index);
    top->addRow(tr("&Provider:"), m_provider);
    auto* providerProblem = wrappedLabel(QString(), group);
    providerProblem->setStyleSheet(QStringLiteral("color: #c62828;"));
    providerProblem->hide();
    m_problems.insert(ConfigKey::Provider, providerProblem);
    top->addRow(QString(), providerProblem);
    if (isOverridden(ConfigKey::Provider)) {
        m_provider->setEnabled(false);
        m_provider->setToolTip(tr("Set by %1; change it there.").arg(m_current.origin(ConfigKey::Provider).describe()));
    }
    column->addLayout(top);

    m_providerPages = new QStackedWidget(group);
    auto* sandbox = wrappedLabel(tr("Messages go to a simulated customer on this computer. Nothing leaves it, "
                                    "and no account is needed."),
                                 m_providerPages);
    m_providerPages->addWidget(sandbox);

    auto* twilio = new QWidget(m_providerPages);
    auto* twilioForm = new QFormLayout(twilio);
    twilioForm->setContentsMargins(0, 0, 0, 0);
    addField(twilioForm, ConfigKey::TwilioAccountSid, tr("Account SID:"))->setPlaceholderText(QStringLiteral("AC…"));
    addField(twilioForm, ConfigKey::TwilioAuthToken, tr("Auth token:"));
    addField(twilioForm, ConfigKey::TwilioWhatsAppNumber, tr("WhatsApp sender:"))
        ->setPlaceholderText(QStringLiteral("+14155238886"));
    m_providerPages->addWidget(twilio);

    auto* meta = new QWidget(m_providerPages);
    auto* metaForm = new QFormLayout(meta);
    metaForm->setContentsMargins(0, 0, 0, 0);
    // Both forms the integration guide and Meta's own pages use; the guide's whole send URL first.
    QLineEdit* apiUrl = addField(metaForm, ConfigKey::WhatsAppApiUrl, tr("Graph API URL:"));
    auto* apiUrlForms = wrappedLabel(tr("Either the whole send URL, …/v23.0/<phone-number-id>/messages, or the base, "
                                        "…/v23.0, with the phone number ID below."),
                                     meta);
    apiUrlForms->setObjectName(QStringLiteral("settingsGraphUrlForms"));
    apiUrlForms->setForegroundRole(QPalette::PlaceholderText);
    metaForm->addRow(QString(), apiUrlForms);
    addField(metaForm, ConfigKey::WhatsAppApiToken, tr("Access token:"));
    QLineEdit* phoneNumberId = addField(metaForm, ConfigKey::WhatsAppPhoneNumberId, tr("Phone number ID:"));
    const auto explainPhoneNumberId = [apiUrl, phoneNumberId] {
        Config probe;
        probe.set(ConfigKey::WhatsAppApiUrl, apiUrl->text(), {});
        const QString fromUrl = probe.phoneNumberIdInApiUrl();
        phoneNumberId->setPlaceholderText(fromUrl.isEmpty() ? tr("needed when the URL ends in the version")
                                                            : tr("%1, from the Graph API URL").arg(fromUrl));
    };
    connect(apiUrl, &QLineEdit::textChanged, this, explainPhoneNumberId);
    explainPhoneNumberId();
    addField(metaForm, ConfigKey::WhatsAppBusinessAccountId, tr("Business account ID:"));
    m_providerPages->addWidget(meta);
    column->addWidget(m_providerPages);

    m_test = new QPushButton(tr("&Test connection"), group);
    m_test->setObjectName(QStringLiteral("settingsTestConnection"));
    m_test->setToolTip(tr("Asks the provider for its message templates with the values above."));
    m_connection = wrappedLabel(QString(), group);
    m_connection->setObjectName(QStringLiteral("settingsConnectionResult"));
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_connection, 1);
    column->addLayout(testRow);
    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);

    connect(m_provider, &QComboBox::currentIndexChanged, this, [this](int page) {
        m_providerPages->setCurrentIndex(page);
        m_connection->clear();
        revalidate();
    });
    m_providerPages->setCurrentIndex(m_provider->currentIndex());
    return group;
}

QWidget* SettingsDialog::createWebhookGroup()
{
    auto* group = new QGroupBox(tr("Webhooks"));
    auto* form = new QFormLayout(group);
    addField(form, ConfigKey::PublicUrl, tr("Public URL:"))
        ->setPlaceholderText(QStringLiteral("https://chat.example.com"));
    auto* generateVerify = new QPushButton(tr("Generate"), group);
    QLineEdit* verify = addField(form, ConfigKey::WhatsAppVerifyToken, tr("Verify token:"), generateVerify);
    connect(generateVerify, &QPushButton::clicked, this, [verify] { verify->setText(ApiTokenKeeper::generate()); });
    generateVerify->setEnabled(verify->isEnabled());
    addField(form, ConfigKey::WhatsAppAppSecret, tr("App secret:"));
    return group;
}

QWidget* SettingsDialog::createServiceGroup()
{
    auto* group = new QGroupBox(tr("Local service"));
    auto* form = new QFormLayout(group);
    addField(form, ConfigKey::Listen, tr("Listen on:"));

    auto* tokenButtons = new QWidget(group);
    auto* tokenRow = new QHBoxLayout(tokenButtons);
    tokenRow->setContentsMargins(0, 0, 0, 0);
    auto* generate = new QPushButton(tr("Generate"), tokenButtons);
    generate->setObjectName(QStringLiteral("settingsGenerateApiToken"));
    auto* copy = new QPushButton(tr("Copy"), tokenButtons);
    copy->setObjectName(QStringLiteral("settingsCopyApiToken"));
    tokenRow->addWidget(generate);
    tokenRow->addWidget(copy);
    QLineEdit* token = addField(form, ConfigKey::ApiToken, tr("API token:"), tokenButtons);
    token->setPlaceholderText(tr("generated once and kept with the secrets"));
    connect(generate, &QPushButton::clicked, this, [token] { token->setText(ApiTokenKeeper::generate()); });
    connect(copy, &QPushButton::clicked, this, [token] { QApplication::clipboard()->setText(token->text()); });
    generate->setEnabled(token->isEnabled());
    return group;
}

QWidget* SettingsDialog::createHistoryGroup()
{
    auto* group = new QGroupBox(tr("Message history"));
    auto* form = new QFormLayout(group);
    auto* where = new QWidget(group); // filled below, once the Database field exists
    form->addRow(tr("Kept:"), where);
    auto* browse = new QPushButton(tr("Browse…"), group);
    QLineEdit* database = addField(form, ConfigKey::Database, tr("Database:"), browse);
    connect(browse, &QPushButton::clicked, this, [this, database] {
        const QString path = QFileDialog::getSaveFileName(this,
                                                          tr("Database file"),
                                                          database->text(),
                                                          tr("SQLite databases (*.sqlite *.db)"),
                                                          nullptr,
                                                          QFileDialog::DontConfirmOverwrite);
        if (!path.isEmpty()) {
            database->setText(path);
        }
    });
    browse->setEnabled(database->isEnabled());
    m_database = new DatabaseSettings(database, browse, where);
    auto* whereLayout = new QVBoxLayout(where);
    whereLayout->setContentsMargins(0, 0, 0, 0);
    whereLayout->addWidget(m_database);
    QLineEdit* password = addField(form, ConfigKey::DatabasePassword, tr("Password:"));
    password->setPlaceholderText(tr("empty: ~/.pgpass or PGPASSWORD"));
    m_database->setPasswordField(password);
    QLineEdit* agent = addField(form, ConfigKey::Agent, tr("Your name:"));
    agent->setToolTip(tr("Shown to the other agents of a team, and on what you send."));
    return group;
}

QLineEdit* SettingsDialog::addField(QFormLayout* form, const QString& key, const QString& label, QWidget* extra)
{
    auto* edit = new QLineEdit(form->parentWidget());
    edit->setObjectName(QStringLiteral("setting_") + key);
    edit->setAccessibleName(label.chopped(1)); // without the colon
    edit->setClearButtonEnabled(true);
    const bool secret = Config::isSecret(key);
    if (isOverridden(key)) {
        edit->setText(Config::redacted(key, m_current.value(key)));
        edit->setReadOnly(true);
        edit->setEnabled(false);
        edit->setToolTip(tr("Set by %1; change it there.").arg(m_current.origin(key).describe()));
    } else {
        edit->setText(m_current.isSet(key) ? m_current.value(key) : QString());
        if (!Config::defaultValue(key).isEmpty()) {
            edit->setPlaceholderText(Config::defaultValue(key));
        }
    }
    QWidget* row = edit;
    if (secret && !isOverridden(key)) {
        edit->setEchoMode(QLineEdit::Password);
        QAction* reveal =
            edit->addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView), QLineEdit::TrailingPosition);
        reveal->setCheckable(true);
        reveal->setToolTip(tr("Show or hide"));
        connect(reveal, &QAction::toggled, edit, [edit](bool shown) {
            edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        });
    }
    if (extra) {
        row = new QWidget(form->parentWidget());
        auto* line = new QHBoxLayout(row);
        line->setContentsMargins(0, 0, 0, 0);
        line->addWidget(edit, 1);
        line->addWidget(extra);
    }
    form->addRow(label, row);
    auto* problem = wrappedLabel(QString(), form->parentWidget());
    problem->setObjectName(QStringLiteral("problem_") + key);
    problem->setStyleSheet(QStringLiteral("color: #c62828;"));
    problem->hide();
    form->addRow(QString(), problem);
    m_fields.insert(key, edit);
    m_problems.insert(key, problem);
    connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);
    return edit;
}

bool SettingsDialog::isOverridden(const QString& key) const
{
    const Config::Source source = m_current.origin(key).source;
    return m_current.isSet(key) && source != Config::Source::SavedSettings && source != Config::Source::Default;
}

Config SettingsDialog::candidate() const
{
    Config config;
    config.setEnvFilePath(m_current.envFilePath());
    const Config::Origin saved{Config::Source::SavedSettings, m_settings ? m_settings->fileName() : QString()};
    for (const QString& key : Config::keys()) {
        if (isOverridden(key) || !editableKeys().contains(key)) {
            if (m_current.isSet(key)) {
                config.set(key, m_current.value(key), m_current.origin(key));
            }
            continue;
        }
        const QString text =
            key == ConfigKey::Provider ? m_provider->currentData().toString() : m_fields.value(key)->text().trimmed();
        if (!text.isEmpty()) {
            config.set(key, text, saved);
        }
    }
    return config;
}

QHash<QString, QString> SettingsDialog::fieldProblems() const
{
    QHash<QString, QString> problems;
    for (const Error& problem : candidate().validate()) {
        if (editableKeys().contains(problem.field) && !isOverridden(problem.field)
            && !problems.contains(problem.field)) {
            problems.insert(problem.field, problem.message);
        }
    }
    return problems;
}

void SettingsDialog::revalidate()
{
    const QHash<QString, QString> problems = fieldProblems();
    for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it) {
        const QString message = problems.value(it.key());
        it.value()->setText(message);
        it.value()->setVisible(!message.isEmpty());
        if (QLineEdit* edit = m_fields.value(it.key())) {
            edit->setStyleSheet(message.isEmpty() ? QString()
                                                  : QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
        }
    }
    // What is wrong but cannot be fixed here (a .env value, the environment).
    QStringList elsewhere;
    for (const Error& problem : candidate().validate()) {
        if (!problems.contains(problem.field)) {
            elsewhere << problem.message;
        }
    }
    m_otherProblems->setText(elsewhere.isEmpty() ? QString()
                                                 : tr("Also wrong, outside this dialog:") + QLatin1Char('\n')
                                                       + elsewhere.join(QLatin1Char('\n')));
    m_otherProblems->setVisible(!elsewhere.isEmpty());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(problems.isEmpty());
}

void SettingsDialog::testConnection()
{
    if (m_probe) {
        return;
    }
    const Config config = candidate();
    const QHash<QString, QString> problems = fieldProblems();
    if (!problems.isEmpty()) {
        m_connection->setText(tr("Fix the fields marked in red first."));
        return;
    }
    m_probe = new ProviderFactory(this);
    Result<Provider*> provider = m_probe->create(config);
    if (!provider) {
        m_connection->setText(tr("Cannot test: %1").arg(provider.error().message));
        m_probe->deleteLater();
        return;
    }
    m_test->setEnabled(false);
    m_connection->setText(tr("Asking the provider…"));
    (*provider)->listTemplates(this, [this](Result<QList<Template>> templates) {
        m_test->setEnabled(true);
        if (templates) {
            m_connection->setText(tr("The provider answered: %n template(s).", nullptr, int(templates->size())));
        } else {
            const Error& error = templates.error();
            m_connection->setText(error.code.isEmpty()
                                      ? tr("The provider refused: %1").arg(error.message)
                                      : tr("The provider refused: %1 (%2)").arg(error.message, error.code));
        }
        m_probe->deleteLater();
    });
}

void SettingsDialog::setBusy(bool busy)
{
    m_buttons->setEnabled(!busy);
    m_test->setEnabled(!busy);
}

QHash<QString, QString> SettingsDialog::editedValues() const
{
    QHash<QString, QString> values;
    for (const QString& key : editableKeys()) {
        if (!isOverridden(key)) {
            values.insert(key,
                          key == ConfigKey::Provider ? m_provider->currentData().toString()
                                                     : m_fields.value(key)->text().trimmed());
        }
    }
    return values;
}

void SettingsDialog::save()
{
    if (!fieldProblems().isEmpty() || !m_settings) {
        return;
    }
    const QHash<QString, QString> edited = editedValues();
    if (edited == m_initialValues) {
        accept(); // nothing changed: nothing to write or restart
        return;
    }
    QHash<QString, QString> secrets = m_secrets ? m_secrets->secrets() : QHash<QString, QString>();
    m_settings->beginGroup(ConfigLoader::settingsGroup());
    for (auto it = edited.cbegin(); it != edited.cend(); ++it) {
        const QString& key = it.key();
        const QString& text = it.value();
        if (Config::isSecret(key)) {
            secrets.insert(key, text);
            m_settings->remove(key); // never in the plain file
        } else if (text.isEmpty()) {
            m_settings->remove(key);
        } else {
            m_settings->setValue(key, text);
        }
    }
    m_settings->endGroup();
    m_settings->sync();
    if (!m_secrets) {
        emit saved();
        accept();
        return;
    }
    setBusy(true);
    m_secrets->save(secrets, [this, guard = QPointer<SettingsDialog>(this)](Result<void> stored) {
        if (!guard) {
            return;
        }
        setBusy(false);
        m_secretsNote->setText(m_secrets->describe());
        if (!stored) {
            m_connection->setText(tr("Secrets were not saved: %1").arg(stored.error().message));
            return;
        }
        emit saved();
        accept();
    });
}

QLineEdit* SettingsDialog::field(const QString& key) const
{
    return m_fields.value(key);
}

QComboBox* SettingsDialog::providerBox() const
{
    return m_provider;
}

QLabel* SettingsDialog::problemLabel(const QString& key) const
{
    return m_problems.value(key);
}

QLabel* SettingsDialog::connectionResult() const
{
    return m_connection;
}

QPushButton* SettingsDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

DatabaseSettings* SettingsDialog::databaseSettings() const
{
    return m_database;
}
