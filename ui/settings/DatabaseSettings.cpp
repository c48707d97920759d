#include "ui/settings/DatabaseSettings.h"

#include "app/config/Config.h"
#include "app/doctor/DatabaseDoctor.h"
#include "app/store/StoreDialect.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

namespace
{

constexpr int kDefaultPort = 5432;

} // namespace

DatabaseSettings::DatabaseSettings(QLineEdit* database, QPushButton* browse, QWidget* parent)
    : QWidget(parent)
    , m_database(database)
    , m_browse(browse)
    , m_kind(new QComboBox(this))
    , m_team(new QWidget(this))
    , m_host(new QLineEdit(m_team))
    , m_port(new QSpinBox(m_team))
    , m_name(new QLineEdit(m_team))
    , m_user(new QLineEdit(m_team))
    , m_tls(new QCheckBox(tr("Require an encrypted connection (TLS)"), m_team))
    , m_test(new QPushButton(tr("Test connection"), m_team))
    , m_result(new QLabel(m_team))
{
    setObjectName(QStringLiteral("databaseSettings"));
    m_kind->setObjectName(QStringLiteral("settingsHistoryKind"));
    m_kind->addItem(tr("On this computer (a file)"));
    m_kind->addItem(tr("Shared with the team (PostgreSQL)"));
    m_kind->setAccessibleName(tr("Where the message history lives"));
    m_host->setObjectName(QStringLiteral("settingsDatabaseHost"));
    m_host->setPlaceholderText(QStringLiteral("db.example.com"));
    m_port->setObjectName(QStringLiteral("settingsDatabasePort"));
    m_port->setRange(1, 65535);
    m_port->setValue(kDefaultPort);
    m_name->setObjectName(QStringLiteral("settingsDatabaseName"));
    m_name->setPlaceholderText(QStringLiteral("flowchat"));
    m_user->setObjectName(QStringLiteral("settingsDatabaseUser"));
    m_user->setPlaceholderText(tr("your database user"));
    m_tls->setObjectName(QStringLiteral("settingsDatabaseTls"));
    m_test->setObjectName(QStringLiteral("settingsTestDatabase"));
    m_result->setObjectName(QStringLiteral("settingsDatabaseResult"));
    m_result->setTextFormat(Qt::PlainText);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout(m_team);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Server:"), m_host);
    form->addRow(tr("Port:"), m_port);
    form->addRow(tr("Database:"), m_name);
    form->addRow(tr("User:"), m_user);
    form->addRow(QString(), m_tls);
    auto* password = new QLabel(tr("A password typed below is kept in the system keychain, never in the address; "
                                   "left empty, PostgreSQL's own ~/.pgpass file or PGPASSWORD provides it."),
                                m_team);
    password->setWordWrap(true);
    password->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), password);
    form->addRow(m_test, m_result);

    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_kind);
    column->addWidget(m_team);

    const bool editable = m_database->isEnabled();
    m_kind->setEnabled(editable);
    m_team->setEnabled(editable);
    const bool team = StoreDialect::isPostgres(m_database->text());
    if (team) {
        fillFromUri(m_database->text());
    }
    m_kind->setCurrentIndex(team ? 1 : 0);
    setTeam(team);
    m_test->setEnabled(true); // testing what is set elsewhere is useful too

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int index) {
        setTeam(index == 1);
        if (index == 1) {
            writeUri();
        } else if (StoreDialect::isPostgres(m_database->text())) {
            m_database->clear(); // back to the default file
        }
    });
    for (QLineEdit* part : {m_host, m_name, m_user}) {
        connect(part, &QLineEdit::textEdited, this, &DatabaseSettings::writeUri);
    }
    connect(m_port, &QSpinBox::valueChanged, this, &DatabaseSettings::writeUri);
    connect(m_tls, &QCheckBox::toggled, this, &DatabaseSettings::writeUri);
    connect(m_test, &QPushButton::clicked, this, &DatabaseSettings::testConnection);
}

DatabaseSettings::~DatabaseSettings()
{
    if (m_checking) {
        // The checks end by themselves within the connection timeout; nobody reads them now.
        m_checking->disconnect(this);
    }
}

void DatabaseSettings::setPasswordField(QLineEdit* password)
{
    m_password = password;
}

bool DatabaseSettings::isTeam() const
{
    return m_kind->currentIndex() == 1;
}

void DatabaseSettings::setTeam(bool team)
{
    if (m_kind->currentIndex() != (team ? 1 : 0)) {
        m_kind->setCurrentIndex(team ? 1 : 0);
    }
    m_team->setVisible(team);
    // In team mode the field shows the URI the parts make; it is edited through them.
    m_database->setReadOnly(team || !m_database->isEnabled());
    m_browse->setEnabled(!team && m_database->isEnabled());
    m_result->clear();
}

QLabel* DatabaseSettings::result() const
{
    return m_result;
}

QString DatabaseSettings::teamUri(const QString& host, int port, const QString& name, const QString& user, bool tls)
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host.trimmed());
    if (port > 0 && port != kDefaultPort) {
        url.setPort(port);
    }
    url.setPath(QLatin1Char('/') + name.trimmed());
    if (!user.trimmed().isEmpty()) {
        url.setUserName(user.trimmed());
    }
    if (tls) {
        url.setQuery(QStringLiteral("sslmode=require"));
    }
    // QUrl writes "postgresql:/name" without a host; libpq wants the empty authority.
    QString text = url.toString(QUrl::FullyEncoded);
    if (url.host().isEmpty() && url.userName().isEmpty()) {
        text.replace(QStringLiteral("postgresql:/"), QStringLiteral("postgresql:///"));
    }
    return text;
}

void DatabaseSettings::fillFromUri(const QString& uri)
{
    const QUrl url(uri);
    m_host->setText(url.host());
    m_port->setValue(url.port(kDefaultPort));
    m_name->setText(url.path().mid(1));
    m_user->setText(url.userName());
    m_tls->setChecked(QUrlQuery(url).queryItemValue(QStringLiteral("sslmode")).startsWith(QLatin1String("verify"))
                      || QUrlQuery(url).queryItemValue(QStringLiteral("sslmode")) == QLatin1String("require"));
}

void DatabaseSettings::writeUri()
{
    if (!isTeam() || !m_database->isEnabled()) {
        return;
    }
    m_database->setText(teamUri(m_host->text(), m_port->value(), m_name->text(), m_user->text(), m_tls->isChecked()));
}

void DatabaseSettings::testConnection()
{
    if (m_checking) {
        return;
    }
    const QString database = m_database->text().trimmed().isEmpty() ? Config::defaultValue(ConfigKey::Database)
                                                                    : m_database->text().trimmed();
    m_result->setText(tr("Connecting to %1…").arg(StoreDialect::displayName(database)));
    // The password as typed, not yet saved: only this test's own URI carries it, and nothing
    // shows that URI whole (StoreDialect::displayName).
    QString tried = database;
    if (StoreDialect::isPostgres(database) && m_password && m_password->isEnabled() && !m_password->text().isEmpty()) {
        QUrl url(database);
        url.setPassword(m_password->text());
        tried = url.toString(QUrl::FullyEncoded);
    }
    m_test->setEnabled(false);
    // The checks connect and wait for a notification: on a thread of their own, never this one.
    auto* thread = new QThread;
    thread->setObjectName(QStringLiteral("flowchat-settings-database-test"));
    auto* doctor = new DatabaseDoctor(tried);
    doctor->moveToThread(thread);
    auto lines = std::make_shared<QStringList>();
    connect(doctor, &DatabaseDoctor::line, this, [this, lines](const QString& line) {
        *lines << line;
        m_result->setText(lines->join(QLatin1Char('\n')));
    });
    connect(doctor, &DatabaseDoctor::finished, thread, &QThread::quit);
    connect(thread, &QThread::finished, doctor, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this] { m_test->setEnabled(true); });
    connect(thread, &QThread::started, doctor, &DatabaseDoctor::run);
    m_checking = thread;
    thread->start();
}
