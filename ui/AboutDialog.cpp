#include "ui/AboutDialog.h"

#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QVBoxLayout>

namespace
{

QLabel* plainLabel(const QString& objectName, const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About FlowChat"));

    auto* layout = new QVBoxLayout(this);
    // Present once installed: the package puts the icon in the hicolor theme.
    const QIcon icon = QIcon::fromTheme(QStringLiteral(FLOWCHAT_APP_ID));
    if (!icon.isNull()) {
        auto* iconLabel = new QLabel(this);
        iconLabel->setPixmap(icon.pixmap(64, 64));
        iconLabel->setAlignment(Qt::AlignHCenter);
        layout->addWidget(iconLabel);
    }

    QLabel* name = plainLabel(QStringLiteral("aboutName"), tr("FlowChat"), this);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.5);
    nameFont.setBold(true);
    name->setFont(nameFont);
    layout->addWidget(name);
    layout->addWidget(
        plainLabel(QStringLiteral("aboutSummary"),
                   tr("A desktop console for WhatsApp customer support through Twilio or Meta's Cloud API."),
                   this));
    layout->addWidget(
        plainLabel(QStringLiteral("aboutVersion"), tr("Version %1").arg(QStringLiteral(FLOWCHAT_VERSION)), this));
    layout->addWidget(
        plainLabel(QStringLiteral("aboutQtVersion"),
                   tr("Qt %1 (built with Qt %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
                   this));
    layout->addWidget(plainLabel(QStringLiteral("aboutLicence"),
                                 tr("Released under the MIT License. Copyright © 2026 the FlowChat authors."),
                                 this));

    // Our own constant, never user input, so rich text is safe here.
    auto* link = new QLabel(QStringLiteral("<a href=\"%1\">%1</a>").arg(homepage()), this);
    link->setObjectName(QStringLiteral("aboutHomepage"));
    link->setTextFormat(Qt::RichText);
    link->setOpenExternalLinks(true);
    link->setAccessibleName(tr("Homepage"));
    layout->addWidget(link);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::homepage()
{
    return QStringLiteral(FLOWCHAT_HOMEPAGE_URL);
}
