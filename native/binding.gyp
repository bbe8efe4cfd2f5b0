# Builds tapline_pcap.node, Tapline's libpcap binding, on Node-API against the system libpcap.
{
  'targets': [
    {
      'target_name': 'tapline_pcap',
      'sources': [
        'src/addon.cc',
        'src/pcap-error.cc',
        'src/interfaces.cc',
        'src/filter.cc',
        'src/live-capture.cc',
      ],
      'include_dirs': [
        "<!(node -p \"require('node-addon-api').include_dir\")",
      ],
      'defines': [
        'NAPI_VERSION=8',
        'NAPI_DISABLE_CPP_EXCEPTIONS',
      ],
      'cflags_cc': ['-std=c++17', '-Wall', '-Wextra'],
      'libraries': ['-lpcap'],
    },
  ],
}
