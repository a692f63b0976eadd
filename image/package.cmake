# Install rules and the Debian package (cpack -G DEB) of the kiosk: the two programs, the VT
# lock helper, the systemd units, the udev rules, the modules to load (modules-load.d), the
# daicho user (sysusers.d) and the maintenance wrapper. The image (image/build) installs this .deb; enabling the units is the
# image's business, so installing the package on a workstation starts nothing.
include(GNUInstallDirs)

# Locks VT switching (VT_LOCKSWITCH) for the kiosk's lifetime; run by daicho-vtlock.service.
add_executable(daicho-vtlock image/vtlock.c)

install(TARGETS daicho daicho-admin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS daicho-vtlock RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/daicho)
install(PROGRAMS image/package/daicho-maint DESTINATION ${CMAKE_INSTALL_SBINDIR})
install(FILES image/package/daicho.service image/package/daicho-key.service
              image/package/daicho-vtlock.service image/package/daicho-media@.service
        DESTINATION lib/systemd/system)
install(FILES image/package/60-daicho.rules image/package/70-daicho-media.rules
        DESTINATION lib/udev/rules.d)
install(FILES image/package/daicho.sysusers DESTINATION lib/sysusers.d RENAME daicho.conf)
install(FILES image/package/daicho.modules DESTINATION lib/modules-load.d RENAME daicho.conf)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME daicho)
set(CPACK_PACKAGE_VENDOR "daicho")
set(CPACK_PACKAGE_CONTACT "daicho maintainers <daicho@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "offline custody-ledger kiosk for ward offices")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_STRIP_FILES ON)
# Depends from the shared libraries the binaries link (dpkg-shlibdeps), plus what is loaded at
# run time: the Japanese font, and systemd-sysusers for the daicho user.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsqlcipher1 (>= 4.6.1), fonts-ipaexfont-gothic, systemd (>= 252)")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${CMAKE_SOURCE_DIR}/image/package/postinst)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
