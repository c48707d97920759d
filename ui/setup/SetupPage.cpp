#include "ui/setup/SetupPage.h"

#include "app/config/Config.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace
{

// Paths and URLs come from the user's files: never let a QLabel read them as HTML.
QLabel* plainLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

bool hasProblemWith(const QList<Error>& problems, const QString& key)
{
    for (const Error& problem : problems) {
        if (problem.field == key) {
            return true;
        }
    }
    return false;
}

} // namespace

SetupPage::SetupPage(const Config& config, QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("setupPage"));
    auto* body = new QVBoxLayout(this);
    body->setContentsMargins(12, 12, 12, 12);
    m_serviceNote =
        plainLabel(config.validate().isEmpty() ? tr("Starting the message service…")
                                               : tr("FlowChat cannot start until the problems below are fixed."),
                   this);
    m_serviceNote->setObjectName(QStringLiteral("placeholderNote"));
    body->addWidget(m_serviceNote);
    body->addWidget(createSummary(config));
    body->addWidget(createProblems(config), 1);
    auto* openSettings = new QPushButton(tr("Open &settings…"), this);
    openSettings->setObjectName(QStringLiteral("setupOpenSettings"));
    connect(openSettings, &QPushButton::clicked, this, &SetupPage::settingsRequested);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(openSettings);
    buttons->addStretch(1);
    body->addLayout(buttons);
}

QString SetupPage::note() const
{
    return m_serviceNote->text();
}

void SetupPage::showRestarting()
{
    m_serviceNote->setText(tr("Restarting the message service with the new settings… Unsent messages stay queued."));
}

void SetupPage::showServiceProblem(const QString& message)
{
    m_serviceNote->setText(tr("The message service could not start: %1").arg(message));
}

QWidget* SetupPage::createSummary(const Config& config)
{
    auto* box = new QGroupBox(tr("Setup"), this);
    auto* form = new QFormLayout(box);
    const QList<Error> problems = config.validate();

    QString provider;
    if (hasProblemWith(problems, ConfigKey::Provider)) {
        provider = tr("not recognised (see the problems below)");
    } else {
        switch (config.provider()) {
        case Config::Provider::Sandbox:
            provider = tr("Sandbox (built-in emulator)");
            break;
        case Config::Provider::Twilio:
            provider = tr("Twilio");
            break;
        case Config::Provider::Direct:
            provider = tr("Meta WhatsApp Cloud API (direct)");
            break;
        }
    }
    const auto addRow = [box, form](const QString& label, const QString& value, const QString& name) {
        QLabel* field = plainLabel(value, box);
        field->setObjectName(name);
        form->addRow(label, field);
    };
    addRow(tr("Provider:"), provider, QStringLiteral("providerValue"));
    addRow(tr("Message store:"), config.databaseForDisplay(), QStringLiteral("databaseValue"));
    addRow(tr("Listening on:"), config.value(ConfigKey::Listen).trimmed(), QStringLiteral("listenValue"));
    const QUrl webhook = config.webhookUrl();
    addRow(tr("Webhook URL:"),
           webhook.isEmpty() ? tr("not set (FLOWCHAT_PUBLIC_URL)") : webhook.toString(),
           QStringLiteral("webhookValue"));
    addRow(tr(".env file:"),
           config.envFilePath().isEmpty() ? tr("none found") : config.envFilePath(),
           QStringLiteral("envFileValue"));
    return box;
}

QWidget* SetupPage::createProblems(const Config& config)
{
    auto* box = new QGroupBox(tr("Configuration problems"), this);
    auto* layout = new QVBoxLayout(box);
    const QList<Error> problems = config.validate();
    const QList<Error> warnings = config.warnings();
    if (problems.isEmpty() && warnings.isEmpty()) {
        auto* fine = plainLabel(tr("No configuration problems."), box);
        fine->setObjectName(QStringLiteral("noProblems"));
        layout->addWidget(fine);
        layout->addStretch();
        return box;
    }
    auto* list = new QListWidget(box);
    list->setObjectName(QStringLiteral("problemList"));
    list->setWordWrap(true);
    list->setSelectionMode(QAbstractItemView::NoSelection);
    list->setFocusPolicy(Qt::NoFocus);
    list->setIconSize(QSize(16, 16));
    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    // Messages from app/ are plain words that already name their key; QListWidget shows them as plain text.
    for (const Error& problem : problems) {
        auto* item = new QListWidgetItem(errorIcon, problem.message, list);
        item->setToolTip(tr("Problem with %1").arg(problem.field));
    }
    for (const Error& warning : warnings) {
        auto* item = new QListWidgetItem(warningIcon, warning.message, list);
        item->setToolTip(tr("Warning about %1").arg(warning.field));
    }
    layout->addWidget(list);
    auto* hint =
        plainLabel(problems.isEmpty() ? tr("FlowChat works, but check the warnings above.")
                                      : tr("Fix these in your .env file or environment, then start FlowChat again."),
                   box);
    hint->setObjectName(QStringLiteral("problemHint"));
    layout->addWidget(hint);
    return box;
}
