#include "ui/conversations/NewConversationDialog.h"

#include "providers/Phone.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

NewConversationDialog::NewConversationDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("newConversationDialog"));
    setWindowTitle(tr("New conversation"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The customer's WhatsApp number, with the country code:"), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_number = new QLineEdit(this);
    m_number->setObjectName(QStringLiteral("newConversationNumber"));
    m_number->setAccessibleName(tr("WhatsApp number"));
    m_number->setPlaceholderText(tr("+55 11 91234-5678"));
    intro->setBuddy(m_number);
    layout->addWidget(m_number);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("newConversationProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    layout->addWidget(m_problem);
    auto* note =
        new QLabel(tr("Outside the 24-hour window only templates can be sent; the customer's reply opens it."), this);
    note->setWordWrap(true);
    QPalette muted = note->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    note->setPalette(muted);
    layout->addWidget(note);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Open conversation"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_number, &QLineEdit::textEdited, this, &NewConversationDialog::onEdited);
    onEdited(QString());
    resize(420, sizeHint().height());
}

QLineEdit* NewConversationDialog::numberField() const
{
    return m_number;
}

QString NewConversationDialog::number() const
{
    return m_e164;
}

void NewConversationDialog::onEdited(const QString& text)
{
    // Formatting while typing; the cursor stays at the end, where people type numbers.
    if (text.trimmed().startsWith(QLatin1Char('+'))) {
        const QString formatted = Phone::formatAsYouType(text);
        if (!formatted.isEmpty() && formatted != text) {
            const QSignalBlocker blocker(m_number);
            m_number->setText(formatted);
        }
    }
    m_e164.clear();
    QString problem;
    if (text.trimmed().isEmpty()) {
        problem = tr("Type the number, starting with + and the country code.");
    } else if (!text.trimmed().startsWith(QLatin1Char('+'))) {
        problem = tr("Start with + and the country code, for example +55 for Brazil.");
    } else if (const Result<QString> e164 = Phone::normalize(text, QStringLiteral("number")); !e164) {
        problem = e164.error().message;
    } else {
        m_e164 = *e164;
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_e164.isEmpty());
}
